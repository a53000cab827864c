package io.kubemin.internal.engine;

import io.kubemin.spi.TaskChange;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews the lease of every task this instance runs, every third of the lease, with one read and
 * (where the store prefers batches) one write for all of them. On the way it reads each task: a
 * cancel request recorded by another instance stops the task's jobs (the lease is still renewed, so
 * cleanup and rollback may take longer than a lease), and a task that is no longer this worker's
 * (taken back by the reaper) is fenced: its jobs stop and nothing more is written. Each renewal
 * moves the worker's own monotonic lease end ({@link TaskExecution#leaseHeld()}).
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
    try {
      beatAll(List.copyOf(running));
      FAILURES.succeeded(kind);
    } catch (RuntimeException | Error e) {
      // Never let a throwable escape: a periodic task that throws is never run again.
      FAILURES.failed(kind, "heartbeat of " + running.size() + " task(s)", e);
    }
  }

  /** Reads one task, stops it when cancelled or lost, and renews its lease while it is ours. */
  void beat(TaskExecution execution) {
    beatAll(List.of(execution));
  }

  private void beatAll(List<TaskExecution> executions) {
    List<TaskExecution> beating = new ArrayList<>();
    for (TaskExecution execution : executions) {
      // A task whose start is not written yet has no lease in the store to renew.
      if (execution.task().status() == TaskStatus.RUNNING && !execution.startPending()) {
        beating.add(execution);
      }
    }
    if (beating.isEmpty()) {
      return;
    }
    Map<String, Task> current = new HashMap<>();
    parts
        .store()
        .findTasks(beating.stream().map(x -> x.task().id()).toList())
        .forEach(t -> current.put(t.id(), t));
    List<TaskExecution> renewing = new ArrayList<>();
    List<TaskChange> renewals = new ArrayList<>();
    for (TaskExecution execution : beating) {
      Task now = current.get(execution.task().id());
      if (stillMine(execution, now)) {
        renewing.add(execution);
        renewals.add(
            TaskChange.of(
                now, now.withLease(now.owner(), parts.now().plus(parts.settings().taskLease()))));
      }
    }
    renew(renewing, renewals);
  }

  /** Whether the lease is still this worker's to renew; fences the task when it is not. */
  private boolean stillMine(TaskExecution execution, Task current) {
    Task mine = execution.task();
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
      return false;
    }
    if (current.cancelRequested()) {
      // Keep renewing: the cleanup and rollback that follow must not lose the task to the reaper.
      execution.stop(StopReason.CANCELLED, current.cancelReason());
    }
    return true;
  }

  /** Writes the renewals: one batch where the store prefers it, else one by one. */
  private void renew(List<TaskExecution> executions, List<TaskChange> renewals) {
    if (renewals.isEmpty()) {
      return;
    }
    long sent = System.nanoTime();
    if (parts.store().prefersBatches()) {
      List<Boolean> matched = parts.store().writeBatch(renewals, List.of());
      for (int i = 0; i < renewals.size(); i++) {
        if (matched.get(i)) {
          renewed(executions.get(i), renewals.get(i).next(), sent);
        }
      }
      return;
    }
    RuntimeException failure = null;
    for (int i = 0; i < renewals.size(); i++) {
      TaskChange change = renewals.get(i);
      try {
        if (parts
            .store()
            .compareAndSet(
                change.taskId(),
                change.expectedStatus(),
                change.expectedAttempt(),
                change.next())) {
          renewed(executions.get(i), change.next(), sent);
        }
      } catch (RuntimeException e) {
        // the other tasks still get their renewal; the failure is reported once, after them
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void renewed(TaskExecution execution, Task renewed, long sentNanos) {
    execution.task(renewed);
    execution.leaseWritten(sentNanos, parts.settings().taskLease(), parts.settings().leaseMargin());
  }
}
