package io.kubemin.internal.engine;

import io.kubemin.internal.plan.PlanUnit;
import io.kubemin.internal.plan.PlannedStep;
import io.kubemin.internal.trace.SpanKind;
import io.kubemin.internal.trace.TraceNames;
import io.kubemin.internal.trace.TraceSpan;
import io.kubemin.model.StepMode;
import io.kubemin.spi.Job;
import io.kubemin.workflow.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step of a task: its units in order, each band a barrier, retrying the step when a job
 * fails or times out on its own (not when the task is cancelled or past its deadline). A retry
 * skips the jobs that already completed in an earlier try.
 */
final class StepRunner {
  private static final Logger LOG = LoggerFactory.getLogger(StepRunner.class);

  private final EngineParts parts;
  private final EngineThreads threads;
  private final TaskExecution execution;
  private final TaskProgress progress;
  private final Instant taskDeadline;

  StepRunner(
      EngineParts parts,
      EngineThreads threads,
      TaskExecution execution,
      TaskProgress progress,
      Instant taskDeadline) {
    this.parts = parts;
    this.threads = threads;
    this.execution = execution;
    this.progress = progress;
    this.taskDeadline = taskDeadline;
  }

  /** Runs the step; returns null when it completed, else the failure that ended it. */
  JobResult run(PlannedStep step) {
    if (!parts.tracing().on()) {
      return runTries(step);
    }
    // The step may run on a pool thread: its parent is the task's span, named explicitly.
    try (TraceSpan span =
        parts
            .tracing()
            .start(TraceNames.STEP, SpanKind.INTERNAL, execution.traceparent())
            .attribute(TraceNames.STEP_NAME, step.name())
            .attribute(TraceNames.TASK_ID, execution.task().id())) {
      JobResult failure = runTries(step);
      span.attribute(
          TraceNames.OUTCOME, failure == null ? "completed" : failure.status().jsonName());
      if (failure != null) {
        span.failed(failure.status().jsonName());
      }
      return failure;
    }
  }

  private JobResult runTries(PlannedStep step) {
    // Sized for the step: the default table (64 slots) outweighs a step of a few jobs.
    Set<Job> done = Collections.newSetFromMap(new IdentityHashMap<>(step.jobCount()));
    Duration backoff = step.backoff();
    for (int retry = 0; ; retry++) {
      Instant stepDeadline = step.timeout() == null ? null : parts.now().plus(step.timeout());
      JobResult failure = runUnits(step, done, stepDeadline);
      boolean retryable =
          failure != null
              && (failure.status() == JobStatus.FAILED || failure.timedOutByItself())
              && execution.stopReason() == null;
      if (!retryable || retry >= step.retryLimit()) {
        return failure;
      }
      LOG.info(
          "step {} {} ({}); retry {} of {} in {} ms",
          step.name(),
          failure.status().jsonName(),
          failure.error(),
          retry + 1,
          step.retryLimit(),
          backoff.toMillis());
      if (!execution.pause(backoff)) {
        StopReason reason = execution.stopReason();
        JobStatus status = reason == null ? JobStatus.CANCELLED : reason.jobStatus();
        return new JobResult(failure.job(), status, execution.stopMessage(), false);
      }
      backoff = backoff.multipliedBy(2);
    }
  }

  private JobResult runUnits(PlannedStep step, Set<Job> done, Instant stepDeadline) {
    for (PlanUnit unit : step.units()) {
      for (List<Job> band : unit.bands()) {
        List<Job> pending = done.isEmpty() ? band : notDone(band, done);
        JobResult failure =
            unit.mode() == StepMode.DAG && pending.size() > 1
                ? runTogether(pending, done, stepDeadline)
                : runOneByOne(pending, done, stepDeadline);
        if (failure != null) {
          return failure;
        }
      }
    }
    return null;
  }

  private static List<Job> notDone(List<Job> band, Set<Job> done) {
    List<Job> pending = new ArrayList<>(band.size());
    for (Job job : band) {
      if (!done.contains(job)) {
        pending.add(job);
      }
    }
    return pending;
  }

  private JobResult runOneByOne(List<Job> jobs, Set<Job> done, Instant stepDeadline) {
    for (Job job : jobs) {
      JobResult result = newRun(job, stepDeadline).run();
      if (!result.succeeded()) {
        return result;
      }
      done.add(job);
    }
    return null;
  }

  private JobResult runTogether(List<Job> jobs, Set<Job> done, Instant stepDeadline) {
    List<CompletableFuture<JobResult>> running = new ArrayList<>();
    for (Job job : jobs) {
      JobRun run = newRun(job, stepDeadline);
      running.add(
          CompletableFuture.supplyAsync(parts.tracing().carried(run::run), threads.jobPool()));
    }
    JobResult failure = null;
    RuntimeException thrown = null;
    // Wait for every job before deciding, even when one threw: none may apply after the step ends.
    for (CompletableFuture<JobResult> future : running) {
      JobResult result;
      try {
        result = future.join();
      } catch (RuntimeException e) {
        thrown = thrown == null ? e : thrown;
        continue;
      }
      if (result.succeeded()) {
        done.add(result.job());
      } else {
        failure = JobResult.worse(failure, result);
      }
    }
    if (thrown != null) {
      throw thrown;
    }
    return failure;
  }

  private JobRun newRun(Job job, Instant stepDeadline) {
    Instant deadline = parts.now().plus(parts.settings().defaultJobTimeout());
    deadline = earliest(deadline, stepDeadline);
    deadline = earliest(deadline, taskDeadline);
    return new JobRun(parts, execution, progress, threads.timer(), job, deadline);
  }

  private static Instant earliest(Instant a, Instant b) {
    return b != null && b.isBefore(a) ? b : a;
  }
}
