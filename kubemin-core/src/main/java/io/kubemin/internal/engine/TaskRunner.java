package io.kubemin.internal.engine;

import io.kubemin.internal.plan.Plan;
import io.kubemin.internal.plan.PlannedStep;
import io.kubemin.internal.plan.Planner;
import io.kubemin.internal.plan.PlanningException;
import io.kubemin.internal.trace.TraceNames;
import io.kubemin.internal.trace.TraceSpan;
import io.kubemin.workflow.JobStatus;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.TaskSuspension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one started task on a worker thread: plans it, runs its step graph, and writes the final
 * state with a compare-and-set. A task this worker lost (fenced) ends without a write; a task
 * stopped by shutdown is handed back to {@code waiting} with the next attempt.
 */
final class TaskRunner implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
  private static final FailureLog FAILURES = new FailureLog(LOG);
  private static final Duration FIRST_PAUSE = Duration.ofMillis(50);
  private static final Duration MAX_PAUSE = Duration.ofSeconds(2);

  private final EngineParts parts;
  private final EngineThreads threads;
  private final Planner planner;
  private final TaskExecution execution;
  private final DeferredStarts deferredStarts;
  private final Consumer<TaskExecution> workDone;
  private final Consumer<TaskExecution> onEnd;

  /**
   * @param deferredStarts writes the task's start where it was not written before it ran
   * @param workDone told once the task's jobs are over, before its end is written
   * @param onEnd told when the run is over (its end written, or given up)
   */
  TaskRunner(
      EngineParts parts,
      EngineThreads threads,
      Planner planner,
      TaskExecution execution,
      DeferredStarts deferredStarts,
      Consumer<TaskExecution> workDone,
      Consumer<TaskExecution> onEnd) {
    this.parts = parts;
    this.threads = threads;
    this.planner = planner;
    this.execution = execution;
    this.deferredStarts = deferredStarts;
    this.workDone = workDone;
    this.onEnd = onEnd;
  }

  @Override
  public void run() {
    Task task = execution.task();
    java.util.Map<String, String> mdc = EngineMdc.enter(task);
    TraceSpan span = TaskSpans.open(parts, execution);
    TaskProgress progress = new TaskProgress(0);
    try {
      parts.listener().taskStarted(event(task, progress));
      Outcome outcome;
      try {
        Plan plan = planner.plan(task, execution.inputs());
        execution.inputs(null);
        Set<String> passed =
            plan.suspends() ? Gates.passedSteps(parts.store(), task.id()) : Set.of();
        plan = plan.without(passed);
        progress = new TaskProgress(plan.jobCount());
        outcome = runPlan(plan, passed, task, progress);
      } catch (Gates.UnsupportedStoreException e) {
        outcome = new Outcome(TaskStatus.FAILED, e.getMessage());
      } catch (PlanningException e) {
        outcome = new Outcome(TaskStatus.FAILED, e.getMessage());
      } catch (RuntimeException | Error e) {
        LOG.error("task {} failed unexpectedly", task.id(), e);
        outcome = new Outcome(TaskStatus.FAILED, "internal error: " + e);
      }
      // The jobs are over: the slot goes to the next task while the end is written.
      workDone.accept(execution);
      concludeDurably(outcome, progress);
      String written = writtenOutcome(outcome);
      span.attribute(TraceNames.OUTCOME, written);
      // A task stopped at a suspend step did not fail: its span ends, the resume opens another.
      if (outcome.status() != TaskStatus.COMPLETED && outcome.status() != TaskStatus.SUSPENDED
          || !written.equals(outcome.status().jsonName())) {
        span.failed(written);
      }
    } finally {
      onEnd.accept(execution);
      span.close();
      EngineMdc.leave(mdc);
    }
  }

  /** The outcome this run wrote, or why it wrote none (for the task's span). */
  private String writtenOutcome(Outcome outcome) {
    if (execution.task().status() == outcome.status()) {
      return outcome.status().jsonName();
    }
    return execution.stopReason() == StopReason.SHUTDOWN ? "handed_back" : "fenced";
  }

  private Outcome runPlan(Plan plan, Set<String> passed, Task task, TaskProgress progress) {
    Instant deadline = task.deadline();
    if (deadline != null && !deadline.isAfter(parts.now())) {
      return new Outcome(TaskStatus.TIMEOUT, "the task's deadline passed before it could resume");
    }
    ScheduledFuture<?> deadlineTimer =
        deadline == null
            ? null
            : threads
                .timer()
                .schedule(
                    () -> execution.stop(StopReason.TIMEOUT, "the task exceeded its deadline"),
                    Duration.between(parts.clock().instant(), deadline).toMillis(),
                    TimeUnit.MILLISECONDS);
    try {
      StepRunner steps = new StepRunner(parts, threads, execution, progress, deadline);
      StepGraphRunner graph = new StepGraphRunner(steps, threads);
      JobResult failure = graph.run(plan);
      if (failure == null && graph.gate() != null) {
        return atGate(graph, passed);
      }
      if (failure == null) {
        return collectGarbage(plan);
      }
      String error = describe(failure);
      if (plan.rollbackOnFailure() && execution.ownsResult()) {
        error += new Rollback(parts, execution).run();
      }
      return new Outcome(taskStatus(failure.status()), error);
    } finally {
      if (deadlineTimer != null) {
        deadlineTimer.cancel(false);
      }
    }
  }

  /** Every step completed: the garbage goes; a failure of that fails the task (no rollback). */
  private Outcome collectGarbage(Plan plan) {
    String error = new GarbageCollector(parts, execution).collect(plan.garbage());
    if (error == null) {
      return new Outcome(TaskStatus.COMPLETED, null);
    }
    StopReason stop = execution.stopReason();
    return new Outcome(stop == null ? TaskStatus.FAILED : taskStatus(stop.jobStatus()), error);
  }

  /** The task reached a suspend step with every step before it completed. */
  private Outcome atGate(StepGraphRunner graph, Set<String> passed) {
    if (execution.stopReason() == StopReason.CANCELLED) {
      return new Outcome(TaskStatus.CANCELLED, execution.stopMessage());
    }
    Set<String> done = new java.util.TreeSet<>(passed);
    done.addAll(graph.completed());
    return new Outcome(TaskStatus.SUSPENDED, null, graph.gate(), List.copyOf(done));
  }

  private static TaskStatus taskStatus(JobStatus status) {
    return switch (status) {
      case TIMEOUT -> TaskStatus.TIMEOUT;
      case CANCELLED -> TaskStatus.CANCELLED;
      default -> TaskStatus.FAILED;
    };
  }

  private String describe(JobResult failure) {
    if (failure.status() == JobStatus.CANCELLED && execution.stopMessage() != null) {
      return execution.stopMessage();
    }
    return failure.job().describe() + " " + failure.status().jsonName() + ": " + failure.error();
  }

  /**
   * Writes the task's end, retrying with backoff while this worker's lease holds (the heartbeat
   * renews it as long as the store takes renewals): a store that is briefly away does not make the
   * whole task run again. Once the lease ran out the task is left to the reaper.
   */
  private void concludeDurably(Outcome outcome, TaskProgress progress) {
    String kind = "writing task results on instance " + parts.settings().instanceId();
    Duration pause = FIRST_PAUSE;
    for (int tries = 1; ; tries++) {
      try {
        conclude(outcome, progress, tries > 1);
        FAILURES.succeeded(kind);
        return;
      } catch (RuntimeException | Error e) {
        FAILURES.failed(kind, "task " + execution.task().id() + ", try " + tries, e);
      }
      if (execution.stopReason() == StopReason.FENCED
          || (!execution.leaseHeld() && !Leases.ensure(parts, execution))
          || !sleep(pause)) {
        LOG.error(
            "could not write the result of task {} while this worker held it; its lease will"
                + " expire and another worker resumes it",
            execution.task().id());
        return;
      }
      Duration doubled = pause.multipliedBy(2);
      pause = doubled.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : doubled;
    }
  }

  private boolean sleep(Duration pause) {
    Duration left = execution.leaseLeft();
    try {
      Thread.sleep(Math.max(1, (left.compareTo(pause) < 0 ? left : pause).toMillis()));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void conclude(Outcome outcome, TaskProgress progress, boolean retry) {
    if (outcome.status() != TaskStatus.COMPLETED
        && !execution.lost()
        && (outcome.status() == TaskStatus.SUSPENDED
            || execution.stopReason() == StopReason.SHUTDOWN)) {
      // A suspension or a hand-back needs the task running in the store; a refused start fences
      // it (below).
      deferredStarts.writeNow(execution);
    }
    StopReason stop = execution.stopReason();
    Task task = execution.task();
    if (stop == StopReason.FENCED && execution.lost()) {
      LOG.warn(
          "task {} attempt {} was lost by this worker ({}); its result {} is not written",
          task.id(),
          task.attempt(),
          execution.stopMessage(),
          outcome.status().jsonName());
      return;
    }
    if (stop == StopReason.SHUTDOWN
        && outcome.status() != TaskStatus.COMPLETED
        && outcome.status() != TaskStatus.SUSPENDED) {
      Task back = parts.states().takeBack(task, parts.now());
      LOG.info(
          "task {} handed back at shutdown{}",
          task.id(),
          back == null ? " failed: it changed meanwhile" : " as attempt " + back.attempt());
      return;
    }
    if (outcome.status() == TaskStatus.SUSPENDED) {
      suspend(task, outcome, progress, retry);
      return;
    }
    // Where the start was never written, the end replaces it: it finds the task still queued.
    Task finished =
        parts
            .states()
            .finish(execution.rowBeforeEnd(), task, outcome.status(), outcome.error(), parts.now());
    DeferredStarts.acknowledge(parts, execution.takeUnacknowledged());
    if (finished == null && retry) {
      // An earlier try may have been written even though its answer was lost.
      finished = writtenBefore(task, outcome);
    }
    if (finished == null) {
      LOG.warn(
          "task {} attempt {} is no longer this worker's (fenced); its result {} was rejected",
          task.id(),
          task.attempt(),
          outcome.status().jsonName());
      return;
    }
    execution.task(finished);
    if (outcome.status() == TaskStatus.COMPLETED) {
      LOG.debug("task {} completed", task.id());
    } else {
      LOG.info("task {} {}: {}", task.id(), outcome.status().jsonName(), outcome.error());
    }
    parts.listener().taskFinished(event(finished, progress));
  }

  /**
   * Stops the task at its gate: the suspension is written first, then {@code running -> suspended},
   * which releases the task (no owner, no lease). A cancel that arrived meanwhile ends it at once.
   */
  private void suspend(Task task, Outcome outcome, TaskProgress progress, boolean retry) {
    if (execution.stopReason() == StopReason.FENCED) {
      // The new owner writes its own suspension; this one must not overwrite it.
      LOG.warn(
          "task {} attempt {} was fenced at its gate; not suspended", task.id(), task.attempt());
      return;
    }
    Instant now = parts.now();
    PlannedStep.Gate gate = outcome.gate().gate();
    Instant deadline = gate.timeout() == null ? null : now.plus(gate.timeout());
    TaskSuspension suspension =
        new TaskSuspension(
            task.id(),
            task.appId(),
            outcome.gate().name(),
            gate.message(),
            task.attempt(),
            now,
            deadline,
            outcome.stepsDone(),
            null,
            null);
    parts.store().putSuspension(suspension);
    Task suspended = parts.states().suspend(task, deadline, now);
    if (suspended == null && retry) {
      suspended = writtenBefore(task, outcome);
    }
    if (suspended == null) {
      LOG.warn(
          "task {} attempt {} is no longer this worker's (fenced); it was not suspended",
          task.id(),
          task.attempt());
      return;
    }
    execution.task(suspended);
    LOG.info(
        "task {} suspended at step {} until resumed{}",
        task.id(),
        suspension.step(),
        deadline == null ? "" : " or " + deadline);
    parts.listener().taskSuspended(event(suspended, progress), suspension);
    Gates.cancelIfRequested(parts, suspended);
  }

  private Task writtenBefore(Task mine, Outcome outcome) {
    Task current = parts.store().findTask(mine.id()).orElse(null);
    boolean ours =
        current != null
            && current.status() == outcome.status()
            && current.attempt() == mine.attempt()
            && (outcome.status() == TaskStatus.SUSPENDED
                || java.util.Objects.equals(current.owner(), mine.owner()));
    return ours ? current : null;
  }

  private TaskEvent event(Task task, TaskProgress progress) {
    return TaskEvents.of(task, parts.now(), progress.planned(), progress.done());
  }

  private record Outcome(
      TaskStatus status, String error, PlannedStep gate, List<String> stepsDone) {
    Outcome(TaskStatus status, String error) {
      this(status, error, null, List.of());
    }
  }
}
