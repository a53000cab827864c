package io.kubemin.workflow;

/**
 * States of a task: {@code waiting -> queued -> running -> completed | failed | timeout |
 * cancelled}. A task that reaches a {@code suspend} step goes {@code running -> suspended} and
 * waits there, held by no worker, until {@code resume} puts it back to {@code waiting} (it goes on
 * after that step), {@code cancel} ends it {@code cancelled}, or the step's timeout ends it {@code
 * timeout}. The state diagram is in {@code docs/lifecycle.md}.
 */
public enum TaskStatus {
  /** Created, not yet claimed by the dispatcher. */
  WAITING("waiting"),
  /** Claimed and offered to the queue; a worker has not started it. */
  QUEUED("queued"),
  /** A worker runs it and holds its lease. */
  RUNNING("running"),
  /**
   * Stopped at a {@code suspend} step (an approval gate) until resumed, cancelled or timed out. Not
   * held by a worker; active: counts against the per-application limit of active tasks.
   */
  SUSPENDED("suspended"),
  /** Every job completed (or was skipped). */
  COMPLETED("completed"),
  /** A job failed. */
  FAILED("failed"),
  /** A job or the task ran past its deadline. */
  TIMEOUT("timeout"),
  /** Cancelled by a user. */
  CANCELLED("cancelled");

  private final String jsonName;

  TaskStatus(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The lower-case name used in the store and the REST API. */
  public String jsonName() {
    return jsonName;
  }

  /** Whether the task has ended and never changes again. */
  public boolean terminal() {
    return this == COMPLETED || this == FAILED || this == TIMEOUT || this == CANCELLED;
  }

  /** Whether the task counts against the one-active-task-per-application rule. */
  public boolean active() {
    return !terminal();
  }

  /** The status with this lower-case name. */
  public static TaskStatus fromJsonName(String name) {
    for (TaskStatus status : values()) {
      if (status.jsonName.equals(name)) {
        return status;
      }
    }
    throw new IllegalArgumentException("unknown task status: " + name);
  }
}
