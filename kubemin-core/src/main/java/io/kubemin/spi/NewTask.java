package io.kubemin.spi;

import io.kubemin.workflow.Task;
import java.util.Objects;

/**
 * One exec's write for {@link DataStore#insertTasksOfApplications}: the task, the limit of active
 * tasks of its application, and its trace context.
 *
 * @param task the task to insert
 * @param maxActivePerApp the limit; 0 or less means no limit
 * @param traceparent the task's W3C {@code traceparent}, or null
 */
public record NewTask(Task task, int maxActivePerApp, String traceparent) {
  /** Checks that the task is given. */
  public NewTask {
    Objects.requireNonNull(task, "task");
  }
}
