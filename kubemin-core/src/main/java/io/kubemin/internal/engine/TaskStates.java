package io.kubemin.internal.engine;

import io.kubemin.spi.DataStore;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Instant;

/**
 * The task transitions of the engine. Each is one compare-and-set on (status, attempt): a party
 * whose expected state is stale changes nothing (fencing).
 */
public final class TaskStates {
  private final DataStore store;

  public TaskStates(DataStore store) {
    this.store = store;
  }

  /** Writes {@code next} if the task is still as {@code expected}; returns it, or null if not. */
  public Task swap(Task expected, Task next) {
    return store.compareAndSet(expected.id(), expected.status(), expected.attempt(), next)
        ? next
        : null;
  }

  /** waiting -> queued. */
  public Task claim(Task waiting, Instant now) {
    return swap(waiting, waiting.withStatus(TaskStatus.QUEUED, now));
  }

  /** queued -> waiting, when the offer could not be enqueued. */
  public Task unclaim(Task queued, Instant now) {
    return swap(queued, queued.withStatus(TaskStatus.WAITING, now));
  }

  /** queued -> running, owned by {@code owner} until {@code leaseUntil}. */
  public Task start(Task queued, String owner, Instant leaseUntil, Instant deadline, Instant now) {
    Instant kept = queued.deadline() != null ? queued.deadline() : deadline;
    return swap(
        queued,
        queued
            .withStatus(TaskStatus.RUNNING, now)
            .withLease(owner, leaseUntil)
            .withStart(now, kept));
  }

  /** running -> running with a later lease. */
  public Task renew(Task running, Instant leaseUntil) {
    return swap(running, running.withLease(running.owner(), leaseUntil));
  }

  /** running, waiting, queued or suspended -> a final state. */
  public Task finish(Task current, TaskStatus status, String error, Instant now) {
    return finish(current, current, status, error, now);
  }

  /**
   * {@code stored} -> a final state written from {@code current}: a task that ran before its start
   * was written ends from the row the store holds ({@code queued}) with what its run knows (its
   * owner, start and deadline).
   */
  public Task finish(Task stored, Task current, TaskStatus status, String error, Instant now) {
    return swap(
        stored, current.withStatus(status, now).withError(error).withLease(current.owner(), null));
  }

  /**
   * running -> suspended at a suspend step: released (no owner, no lease), with the step's timeout
   * as its deadline (null: none).
   */
  public Task suspend(Task running, Instant deadline, Instant now) {
    return swap(
        running,
        running
            .withStatus(TaskStatus.SUSPENDED, now)
            .withLease(null, null)
            .withDeadline(deadline)
            .withError(null));
  }

  /** running -> waiting with the next attempt: the task is taken back from its owner. */
  public Task takeBack(Task running, Instant now) {
    return swap(
        running,
        running
            .withStatus(TaskStatus.WAITING, now)
            .withAttempt(running.attempt() + 1)
            .withLease(null, null));
  }

  /** queued -> queued, touched now: the offer is made again. */
  public Task reoffer(Task queued, Instant now) {
    return swap(queued, queued.withStatus(TaskStatus.QUEUED, now));
  }
}
