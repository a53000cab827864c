package io.kubemin.internal.engine;

import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews the lease of every task this instance runs, every third of the lease. On the way it reads
 * each task: a cancel request recorded by another instance stops the task's jobs (the lease is
 * still renewed, so cleanup and rollback may take longer than a lease), and a task that is no
 * longer this worker's (taken back by the reaper) is fenced: its jobs stop and nothing more is
 * written. Each renewal moves the worker's own monotonic lease end ({@link
 * TaskExecution#leaseHeld()}).
 */
final class Heartbeat implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);
  private static final FailureLog FAILURES = new FailureLog(LOG);

  private final EngineParts parts;
  private final Collection<TaskExecution> running;

  Heartbeat(EngineParts parts, Collection<TaskExecution> running) {
    this.parts = parts;
    this.running = running;
  }

  @Override
  public void run() {
    String kind = "renewing task leases on instance " + parts.settings().instanceId();
    for (TaskExecution execution : running) {
      try {
        beat(execution);
        FAILURES.succeeded(kind);
      } catch (RuntimeException | Error e) {
        // Never let a throwable escape: a periodic task that throws is never run again.
        FAILURES.failed(kind, "heartbeat of task " + execution.task().id(), e);
      }
    }
  }

  /** Reads the task, stops it when cancelled or lost, and renews its lease while it is ours. */
  void beat(TaskExecution execution) {
    Task mine = execution.task();
    if (mine.status() != TaskStatus.RUNNING) {
      return;
    }
    Task current = parts.store().findTask(mine.id()).orElse(null);
    if (current == null
        || current.status() != TaskStatus.RUNNING
        || current.attempt() != mine.attempt()
        || !parts.settings().instanceId().equals(current.owner())) {
      if (current == null || !current.status().terminal() || current.attempt() != mine.attempt()) {
        LOG.warn(
            "task {} attempt {} is no longer this worker's; stopping it",
            mine.id(),
            mine.attempt());
        execution.stop(StopReason.FENCED, "the task was taken back from this worker");
      }
      return;
    }
    if (current.cancelRequested()) {
      // Keep renewing: the cleanup and rollback that follow must not lose the task to the reaper.
      execution.stop(StopReason.CANCELLED, current.cancelReason());
    }
    long sent = System.nanoTime();
    Task renewed = parts.states().renew(current, parts.now().plus(parts.settings().taskLease()));
    if (renewed != null) {
      execution.task(renewed);
      execution.leaseWritten(sent, parts.settings().taskLease(), parts.settings().leaseMargin());
    }
  }
}
