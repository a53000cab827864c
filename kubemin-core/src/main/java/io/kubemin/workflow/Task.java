package io.kubemin.workflow;

import java.time.Instant;
import java.util.Objects;

/**
 * One execution of an application's workflow, as stored. Every change of the state fields goes
 * through a compare-and-set on ({@link #status()}, {@link #attempt()}), which fences out a worker
 * that lost its claim.
 *
 * @param id 24-character id
 * @param appId the application
 * @param workflowId the workflow executed
 * @param workflowName its name at the time of exec
 * @param status current state
 * @param attempt fencing token: starts at 1, grows each time the task is taken back from a worker
 * @param owner worker that runs it (while running), else null
 * @param leaseUntil the owner's lease; past it the task is taken back
 * @param deadline the task must end by then, or it ends as {@code timeout}; null for none
 * @param error why it failed, timed out or was cancelled
 * @param createdAt when exec was called (FIFO order of waiting tasks)
 * @param updatedAt last write
 * @param startedAt first time a worker started it
 * @param finishedAt when it reached a terminal state
 * @param cancelRequested a user asked to cancel it (durable signal for workers)
 * @param cancelledBy who asked
 * @param cancelReason why
 */
public record Task(
    String id,
    String appId,
    String workflowId,
    String workflowName,
    TaskStatus status,
    int attempt,
    String owner,
    Instant leaseUntil,
    Instant deadline,
    String error,
    Instant createdAt,
    Instant updatedAt,
    Instant startedAt,
    Instant finishedAt,
    boolean cancelRequested,
    String cancelledBy,
    String cancelReason) {

  public Task {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A new waiting task, attempt 1. */
  public static Task waiting(
      String id, String appId, String workflowId, String workflowName, Instant now) {
    return new Task(
        id,
        appId,
        workflowId,
        workflowName,
        TaskStatus.WAITING,
        1,
        null,
        null,
        null,
        null,
        now,
        now,
        null,
        null,
        false,
        null,
        null);
  }

  /** This task with another status, touched at {@code now}. */
  public Task withStatus(TaskStatus newStatus, Instant now) {
    return new Task(
        id,
        appId,
        workflowId,
        workflowName,
        newStatus,
        attempt,
        owner,
        leaseUntil,
        deadline,
        error,
        createdAt,
        now,
        startedAt,
        newStatus.terminal() ? now : finishedAt,
        cancelRequested,
        cancelledBy,
        cancelReason);
  }

  /** This task owned by {@code newOwner} until {@code newLeaseUntil}. */
  public Task withLease(String newOwner, Instant newLeaseUntil) {
    return new Task(
        id,
        appId,
        workflowId,
        workflowName,
        status,
        attempt,
        newOwner,
        newLeaseUntil,
        deadline,
        error,
        createdAt,
        updatedAt,
        startedAt,
        finishedAt,
        cancelRequested,
        cancelledBy,
        cancelReason);
  }

  /** This task with another attempt number. */
  public Task withAttempt(int newAttempt) {
    return new Task(
        id,
        appId,
        workflowId,
        workflowName,
        status,
        newAttempt,
        owner,
        leaseUntil,
        deadline,
        error,
        createdAt,
        updatedAt,
        startedAt,
        finishedAt,
        cancelRequested,
        cancelledBy,
        cancelReason);
  }

  /** This task started at {@code when} with the given deadline. */
  public Task withStart(Instant when, Instant newDeadline) {
    return new Task(
        id,
        appId,
        workflowId,
        workflowName,
        status,
        attempt,
        owner,
        leaseUntil,
        newDeadline,
        error,
        createdAt,
        updatedAt,
        startedAt == null ? when : startedAt,
        finishedAt,
        cancelRequested,
        cancelledBy,
        cancelReason);
  }

  /** This task with an error text. */
  public Task withError(String newError) {
    return new Task(
        id,
        appId,
        workflowId,
        workflowName,
        status,
        attempt,
        owner,
        leaseUntil,
        deadline,
        newError,
        createdAt,
        updatedAt,
        startedAt,
        finishedAt,
        cancelRequested,
        cancelledBy,
        cancelReason);
  }

  /** This task with a cancel request recorded. */
  public Task withCancelRequest(String by, String reason) {
    return new Task(
        id,
        appId,
        workflowId,
        workflowName,
        status,
        attempt,
        owner,
        leaseUntil,
        deadline,
        error,
        createdAt,
        updatedAt,
        startedAt,
        finishedAt,
        true,
        by,
        reason);
  }
}
