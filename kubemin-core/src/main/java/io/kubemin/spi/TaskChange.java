package io.kubemin.spi;

import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.util.Objects;

/**
 * One compare-and-set of a batch ({@link DataStore#writeBatch}): write {@code next} if the task is
 * still in {@code expectedStatus} with {@code expectedAttempt}.
 *
 * @param expectedStatus the status the task must have
 * @param expectedAttempt the attempt the task must have
 * @param next the state to write (its id names the task)
 */
public record TaskChange(TaskStatus expectedStatus, int expectedAttempt, Task next) {
  /** Checks that the fields are given. */
  public TaskChange {
    Objects.requireNonNull(expectedStatus, "expectedStatus");
    Objects.requireNonNull(next, "next");
  }

  /** The change from {@code current} to {@code next}. */
  public static TaskChange of(Task current, Task next) {
    return new TaskChange(current.status(), current.attempt(), next);
  }

  /** The id of the task. */
  public String taskId() {
    return next.id();
  }
}
