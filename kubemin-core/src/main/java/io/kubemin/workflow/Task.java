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
 * @param deadline the task must end by then, or it ends as {@code timeout}; null for none. While
 *     {@code suspended}: when the suspend step times out, or null when it waits for ever
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
    Draft draft = new Draft(this);
    draft.status = newStatus;
    draft.updatedAt = now;
    if (newStatus.terminal()) {
      draft.finishedAt = now;
    }
    return draft.build();
  }

  /** This task owned by {@code newOwner} until {@code newLeaseUntil}. */
  public Task withLease(String newOwner, Instant newLeaseUntil) {
    Draft draft = new Draft(this);
    draft.owner = newOwner;
    draft.leaseUntil = newLeaseUntil;
    return draft.build();
  }

  /** This task with another attempt number. */
  public Task withAttempt(int newAttempt) {
    Draft draft = new Draft(this);
    draft.attempt = newAttempt;
    return draft.build();
  }

  /** This task started at {@code when} (unless it started before) with the given deadline. */
  public Task withStart(Instant when, Instant newDeadline) {
    Draft draft = new Draft(this);
    draft.deadline = newDeadline;
    if (startedAt == null) {
      draft.startedAt = when;
    }
    return draft.build();
  }

  /**
   * This task with another deadline: a suspended task's deadline is its suspend step's timeout, and
   * a resumed one gets none until it starts again.
   */
  public Task withDeadline(Instant newDeadline) {
    Draft draft = new Draft(this);
    draft.deadline = newDeadline;
    return draft.build();
  }

  /** This task with an error text. */
  public Task withError(String newError) {
    Draft draft = new Draft(this);
    draft.error = newError;
    return draft.build();
  }

  /** This task with a cancel request recorded. */
  public Task withCancelRequest(String by, String reason) {
    Draft draft = new Draft(this);
    draft.cancelRequested = true;
    draft.cancelledBy = by;
    draft.cancelReason = reason;
    return draft.build();
  }

  /** A mutable copy, so each {@code with*} method names only what it changes. */
  private static final class Draft {
    private final Task base;
    private TaskStatus status;
    private int attempt;
    private String owner;
    private Instant leaseUntil;
    private Instant deadline;
    private String error;
    private Instant updatedAt;
    private Instant startedAt;
    private Instant finishedAt;
    private boolean cancelRequested;
    private String cancelledBy;
    private String cancelReason;

    Draft(Task base) {
      this.base = base;
      status = base.status;
      attempt = base.attempt;
      owner = base.owner;
      leaseUntil = base.leaseUntil;
      deadline = base.deadline;
      error = base.error;
      updatedAt = base.updatedAt;
      startedAt = base.startedAt;
      finishedAt = base.finishedAt;
      cancelRequested = base.cancelRequested;
      cancelledBy = base.cancelledBy;
      cancelReason = base.cancelReason;
    }

    Task build() {
      return new Task(
          base.id,
          base.appId,
          base.workflowId,
          base.workflowName,
          status,
          attempt,
          owner,
          leaseUntil,
          deadline,
          error,
          base.createdAt,
          updatedAt,
          startedAt,
          finishedAt,
          cancelRequested,
          cancelledBy,
          cancelReason);
    }
  }
}
