package io.kubemin.internal.engine;

import io.kubemin.internal.plan.Plan;
import io.kubemin.internal.plan.Planner;
import io.kubemin.internal.plan.PlanningException;
import io.kubemin.workflow.JobStatus;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one started task on a worker thread: plans it, runs its step graph, and writes the final
 * state with a compare-and-set. A task this worker lost (fenced) ends without a write; a task
 * stopped by shutdown is handed back to {@code waiting} with the next attempt.
 */
final class TaskRunner implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

  private final EngineParts parts;
  private final EngineThreads threads;
  private final Planner planner;
  private final TaskExecution execution;
  private final Consumer<TaskExecution> onEnd;

  TaskRunner(
      EngineParts parts,
      EngineThreads threads,
      Planner planner,
      TaskExecution execution,
      Consumer<TaskExecution> onEnd) {
    this.parts = parts;
    this.threads = threads;
    this.planner = planner;
    this.execution = execution;
    this.onEnd = onEnd;
  }

  @Override
  public void run() {
    Task task = execution.task();
    MDC.put("taskId", task.id());
    MDC.put("appId", task.appId());
    TaskProgress progress = new TaskProgress(0);
    try {
      parts.listener().taskStarted(event(task, progress));
      Outcome outcome;
      try {
        Plan plan = planner.plan(task, execution.inputs());
        execution.inputs(null);
        progress = new TaskProgress(plan.jobCount());
        outcome = runPlan(plan, task, progress);
      } catch (PlanningException e) {
        outcome = new Outcome(TaskStatus.FAILED, e.getMessage());
      } catch (RuntimeException e) {
        LOG.error("task {} failed unexpectedly", task.id(), e);
        outcome = new Outcome(TaskStatus.FAILED, "internal error: " + e);
      }
      try {
        conclude(outcome, progress);
      } catch (RuntimeException e) {
        LOG.error(
            "could not write the result of task {}; its lease will expire and another worker"
                + " resumes it",
            task.id(),
            e);
      }
    } finally {
      onEnd.accept(execution);
      MDC.remove("taskId");
      MDC.remove("appId");
    }
  }

  private Outcome runPlan(Plan plan, Task task, TaskProgress progress) {
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
      JobResult failure = new StepGraphRunner(steps, threads).run(plan);
      if (failure == null) {
        return new Outcome(TaskStatus.COMPLETED, null);
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

  private void conclude(Outcome outcome, TaskProgress progress) {
    StopReason stop = execution.stopReason();
    Task task = execution.task();
    if (stop == StopReason.SHUTDOWN && outcome.status() != TaskStatus.COMPLETED) {
      Task back = parts.states().takeBack(task, parts.now());
      LOG.info(
          "task {} handed back at shutdown{}",
          task.id(),
          back == null ? " failed: it changed meanwhile" : " as attempt " + back.attempt());
      return;
    }
    Task finished = parts.states().finish(task, outcome.status(), outcome.error(), parts.now());
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

  private TaskEvent event(Task task, TaskProgress progress) {
    return TaskEvents.of(task, parts.now(), progress.planned(), progress.done());
  }

  private record Outcome(TaskStatus status, String error) {}
}
