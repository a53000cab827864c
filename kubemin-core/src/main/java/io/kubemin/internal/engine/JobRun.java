package io.kubemin.internal.engine;

import io.kubemin.internal.trace.SpanKind;
import io.kubemin.internal.trace.TraceNames;
import io.kubemin.internal.trace.TraceSpan;
import io.kubemin.spi.Job;
import io.kubemin.spi.JobExecutor;
import io.kubemin.spi.JobOutcome;
import io.kubemin.workflow.JobEvent;
import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.JobStatus;
import io.kubemin.workflow.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of one job on the calling thread: picks the executor, enforces the deadline by
 * interrupting the thread, cleans up after a failure and records the result. Interrupts reach the
 * thread only while the executor runs; the flag is cleared before anything else happens on it.
 */
final class JobRun {
  private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);
  private static final FailureLog FAILURES = new FailureLog(LOG);
  private static final Duration FIRST_RECORD_PAUSE = Duration.ofMillis(50);
  private static final Duration MAX_RECORD_PAUSE = Duration.ofSeconds(2);

  private final EngineParts parts;
  private final TaskExecution execution;
  private final TaskProgress progress;
  private final ScheduledExecutorService timer;
  private final Job job;
  private final Instant deadline;
  private final Object lock = new Object();
  private Thread thread;
  private StopReason interruptReason;
  private String interruptMessage;
  private Instant startedAt;

  JobRun(
      EngineParts parts,
      TaskExecution execution,
      TaskProgress progress,
      ScheduledExecutorService timer,
      Job job,
      Instant deadline) {
    this.parts = parts;
    this.execution = execution;
    this.progress = progress;
    this.timer = timer;
    this.job = job;
    this.deadline = deadline;
  }

  /** Interrupts the job if it is running; the first reason wins, {@code FENCED} always. */
  void interrupt(StopReason reason, String message) {
    synchronized (lock) {
      if (thread == null || (interruptReason != null && reason != StopReason.FENCED)) {
        return;
      }
      interruptReason = reason;
      interruptMessage = message;
      thread.interrupt();
    }
  }

  JobResult run() {
    StopReason stopped = execution.stopReason();
    if (stopped != null) {
      return new JobResult(job, stopped.jobStatus(), execution.stopMessage(), false);
    }
    if (!deadline.isAfter(parts.now())) {
      return new JobResult(job, JobStatus.TIMEOUT, "no time left before the deadline", true);
    }
    if (!Leases.ensure(parts, execution)) {
      return new JobResult(job, JobStatus.CANCELLED, execution.stopMessage(), false);
    }
    Runnable leaveMdc = EngineMdc.enterJob(execution.task(), job.name());
    try (TraceSpan span = span()) {
      JobResult result = runAndRecord();
      span.attribute(TraceNames.OUTCOME, result.status().jsonName());
      if (!result.succeeded()) {
        span.failed(result.status().jsonName());
      }
      return result;
    } finally {
      leaveMdc.run();
    }
  }

  /** The job's span, current on this thread (a child of its step's). */
  private TraceSpan span() {
    if (!parts.tracing().on()) {
      return TraceSpan.NONE;
    }
    return parts
        .tracing()
        .start(TraceNames.JOB, SpanKind.INTERNAL)
        .attribute(TraceNames.JOB_KIND, job.kind().kubernetesKind())
        .attribute(TraceNames.K8S_NAMESPACE, job.namespace())
        .attribute(TraceNames.JOB_NAME, job.name())
        .attribute(TraceNames.COMPONENT, job.componentName())
        .attribute(TraceNames.TASK_ATTEMPT, execution.task().attempt());
  }

  private JobResult runAndRecord() {
    JobRunContext context =
        new JobRunContext(
            deadline,
            execution,
            parts,
            execution.task().attempt(),
            message -> parts.listener().jobProgress(event(JobStatus.RUNNING, null, message)));
    startedAt = parts.now();
    parts.listener().jobStarted(event(JobStatus.RUNNING, null, null));
    JobExecutor executor = parts.executors().forKind(job.kind()).orElse(null);
    JobResult result =
        executor == null
            ? new JobResult(
                job,
                JobStatus.FAILED,
                "no JobExecutor supports " + job.kind().kubernetesKind() + " jobs",
                false)
            : execute(executor, context);
    boolean ownsResult = execution.ownsResult() && stillOwned();
    if (executor != null && !result.succeeded() && ownsResult) {
      cleanup(executor, context);
    }
    if (result.succeeded()) {
      progress.jobDone();
      if (ownsResult) {
        execution.completed(new CompletedJob(job, context));
      }
    }
    if (ownsResult) {
      record(result);
    }
    if (result.status() == JobStatus.COMPLETED) {
      AppliedConfigMarks.applied(parts, execution, job);
    }
    parts.listener().jobFinished(event(result.status(), result.error(), null));
    if (LOG.isDebugEnabled()) {
      LOG.debug("job {} ended {}", job.describe(), result.status().jsonName());
    }
    return result;
  }

  private JobResult execute(JobExecutor executor, JobRunContext context) {
    JobOutcome outcome = null;
    String failure = null;
    synchronized (lock) {
      thread = Thread.currentThread();
    }
    execution.add(this);
    ScheduledFuture<?> timeout =
        timer.schedule(
            () -> interrupt(StopReason.TIMEOUT, "not ready before the job's deadline"),
            Math.max(0, Duration.between(parts.clock().instant(), deadline).toMillis()),
            TimeUnit.MILLISECONDS);
    try {
      outcome = executor.run(job, context);
    } catch (InterruptedException e) {
      failure = "interrupted";
    } catch (RuntimeException | Error e) {
      // An executor's Error (an assertion, a missing class) fails the job, not the worker.
      failure = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
      LOG.warn("job {} failed", job.describe(), e);
    } finally {
      timeout.cancel(false);
      execution.remove(this);
      synchronized (lock) {
        thread = null;
        Thread.interrupted();
      }
    }
    return decide(outcome, failure);
  }

  private JobResult decide(JobOutcome outcome, String failure) {
    StopReason reason;
    String message;
    synchronized (lock) {
      reason = interruptReason;
      message = interruptMessage;
    }
    if (outcome != null && outcome.status().succeeded()) {
      return new JobResult(job, outcome.status(), outcome.message(), false);
    }
    if (reason != null) {
      boolean ownDeadline = reason == StopReason.TIMEOUT && execution.stopReason() == null;
      return new JobResult(job, reason.jobStatus(), message, ownDeadline);
    }
    if (outcome == null) {
      return new JobResult(job, JobStatus.FAILED, failure, false);
    }
    JobStatus status = outcome.status() == JobStatus.RUNNING ? JobStatus.FAILED : outcome.status();
    return new JobResult(job, status, outcome.message(), status == JobStatus.TIMEOUT);
  }

  /**
   * Whether this worker still owns the task, so it may clean up and record. While its lease runs
   * (by the engine's clock and by its own monotonic one) nobody can have taken the task; past it (a
   * worker that stopped heartbeating) the store decides, and a lost task is fenced. A store that
   * cannot answer past the lease means lost too: another worker may run the task by now.
   */
  private boolean stillOwned() {
    Task mine = execution.task();
    if (mine.leaseUntil() != null
        && parts.now().isBefore(mine.leaseUntil())
        && execution.leaseHeld()) {
      return true;
    }
    Task current;
    try {
      current = parts.store().findTask(mine.id()).orElse(null);
    } catch (RuntimeException e) {
      LOG.warn(
          "could not check whether task {} is still this worker's after its lease; stopping it",
          mine.id(),
          e);
      execution.lose("the task's lease ran out and the store could not tell");
      return false;
    }
    boolean owned =
        current != null
            && current.status() == mine.status()
            && current.attempt() == mine.attempt()
            && parts.settings().instanceId().equals(current.owner());
    if (!owned) {
      execution.stop(StopReason.FENCED, "the task was taken back from this worker");
    }
    return owned;
  }

  private void cleanup(JobExecutor executor, JobRunContext context) {
    try {
      executor.cleanup(job, context);
    } catch (RuntimeException | Error e) {
      LOG.warn("cleanup of job {} failed", job.describe(), e);
    }
  }

  /**
   * Makes the job's record durable before the task goes on: a failed write is retried with backoff
   * while this worker's lease holds (the heartbeat extends it as long as the store takes renewals).
   * When the lease runs out first, the task is fenced: it ends without a final state, and the
   * reaper hands it to another worker, so no task ends with a job record missing.
   */
  private void record(JobResult result) {
    JobRecord record =
        new JobRecord(
            job.taskId(),
            execution.task().attempt(),
            job.stepName(),
            job.componentName(),
            job.name(),
            job.kind(),
            job.namespace(),
            result.status(),
            result.error(),
            startedAt,
            parts.now());
    String kind = "recording job results on instance " + parts.settings().instanceId();
    Duration pause = FIRST_RECORD_PAUSE;
    for (int tries = 1; ; tries++) {
      try {
        if (tries == 1 || !parts.store().listJobs(record.taskId()).contains(record)) {
          parts.store().insertJob(record);
        }
        FAILURES.succeeded(kind);
        return;
      } catch (RuntimeException e) {
        FAILURES.failed(kind, "job " + job.describe() + ", try " + tries, e);
      }
      if (!waitForRetry(pause)) {
        LOG.warn(
            "could not record the result of job {} while this worker held the task; another"
                + " worker resumes it",
            job.describe());
        execution.lose("the job's record could not be written");
        return;
      }
      Duration doubled = pause.multipliedBy(2);
      pause = doubled.compareTo(MAX_RECORD_PAUSE) > 0 ? MAX_RECORD_PAUSE : doubled;
    }
  }

  /** Sleeps before another try; false when the lease ran out (or the task was lost) first. */
  private boolean waitForRetry(Duration pause) {
    if (execution.stopReason() == StopReason.FENCED) {
      return false;
    }
    if (!execution.leaseHeld() && !Leases.ensure(parts, execution)) {
      return false;
    }
    Duration left = execution.leaseLeft();
    Duration nap = left.compareTo(pause) < 0 ? left : pause;
    try {
      Thread.sleep(Math.max(1, nap.toMillis()));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private JobEvent event(JobStatus status, String error, String message) {
    Instant now = parts.now();
    return new JobEvent(
        job.taskId(),
        job.appId(),
        execution.task().attempt(),
        job.stepName(),
        job.componentName(),
        job.name(),
        job.namespace(),
        job.kind(),
        status,
        error,
        message,
        startedAt == null ? Duration.ZERO : Duration.between(startedAt, now),
        progress.planned(),
        progress.done(),
        now);
  }
}
