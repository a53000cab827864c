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
 * Renews the lease of every task this instance runs, every third of the lease. On the way it reads
 * each task: a cancel request recorded by another instance stops the task's jobs, and a task that
 * is no longer this worker's (taken back by the reaper) is fenced: its jobs stop and nothing more
 * is written.
 */
final class Heartbeat implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

  private final EngineParts parts;
  private final Collection<TaskExecution> running;

  Heartbeat(EngineParts parts, Collection<TaskExecution> running) {
    this.parts = parts;
    this.running = running;
  }

  @Override
  public void run() {
    List<TaskExecution> beating = new ArrayList<>();
    for (TaskExecution execution : running) {
      if (execution.task().status() == TaskStatus.RUNNING) {
        beating.add(execution);
      }
    }
    if (beating.isEmpty()) {
      return;
    }
    Map<String, Task> current = new HashMap<>();
    try {
      parts
          .store()
          .findTasks(beating.stream().map(x -> x.task().id()).toList())
          .forEach(t -> current.put(t.id(), t));
    } catch (RuntimeException e) {
      LOG.warn("heartbeat of {} task(s) failed", beating.size(), e);
      return;
    }
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

  /** Whether the task still runs here and goes on; stops it when fenced or cancelled. */
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
      execution.stop(StopReason.CANCELLED, current.cancelReason());
      return false;
    }
    return true;
  }

  /** Writes the renewals: one batch where the store prefers it, else one by one. */
  private void renew(List<TaskExecution> executions, List<TaskChange> renewals) {
    if (renewals.isEmpty()) {
      return;
    }
    if (parts.store().prefersBatches()) {
      try {
        List<Boolean> matched = parts.store().writeBatch(renewals, List.of());
        for (int i = 0; i < renewals.size(); i++) {
          if (matched.get(i)) {
            executions.get(i).task(renewals.get(i).next());
          }
        }
      } catch (RuntimeException e) {
        LOG.warn("renewing the leases of {} task(s) failed", renewals.size(), e);
      }
      return;
    }
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
          executions.get(i).task(change.next());
        }
      } catch (RuntimeException e) {
        LOG.warn("heartbeat of task {} failed", change.taskId(), e);
      }
    }
  }
}
