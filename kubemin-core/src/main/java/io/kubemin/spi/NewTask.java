package io.kubemin.spi;

import io.kubemin.workflow.Task;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One exec's write for {@link DataStore#insertTasksOfApplications}: the task, the limit of active
 * tasks of its application, its trace context and, where the engine knew its application's first
 * workflow without reading it, that workflow as it knew it, and where it starts the task at once
 * from the application as it knew it, the application's {@code updatedAt} as it knew it.
 *
 * @param task the task to insert
 * @param maxActivePerApp the limit; 0 or less means no limit
 * @param traceparent the task's W3C {@code traceparent}, or null
 * @param expectedFirstWorkflow null, or the workflow (the task's) that the engine takes for its
 *     application's first: the task is inserted only while it still is, unchanged (same id and
 *     {@code updatedAt}, no workflow of the application before it); otherwise nothing is written
 *     and the insertion reports {@link TaskInsertion#LIMIT_REACHED}, and the engine execs again
 *     after reading the workflows
 * @param expectedApplicationUpdatedAt null, or the {@code updatedAt} of the task's application as
 *     the engine knew it: the task is inserted only while the application still has it (every write
 *     of an application, its components included, changes it); otherwise nothing is written and the
 *     insertion reports {@link TaskInsertion#LIMIT_REACHED}
 */
public record NewTask(
    Task task,
    int maxActivePerApp,
    String traceparent,
    WorkflowRecord expectedFirstWorkflow,
    Instant expectedApplicationUpdatedAt) {
  /** Checks that the task is given, and that an expected first workflow is the task's. */
  public NewTask {
    Objects.requireNonNull(task, "task");
    if (expectedFirstWorkflow != null && !expectedFirstWorkflow.id().equals(task.workflowId())) {
      throw new IllegalArgumentException(
          "expectedFirstWorkflow " + expectedFirstWorkflow.id() + " is not the task's workflow");
    }
  }

  /** An exec's write without an expected first workflow or application. */
  public NewTask(Task task, int maxActivePerApp, String traceparent) {
    this(task, maxActivePerApp, traceparent, null, null);
  }

  /** An exec's write with an expected first workflow (or null), without an expected application. */
  public NewTask(
      Task task, int maxActivePerApp, String traceparent, WorkflowRecord expectedFirstWorkflow) {
    this(task, maxActivePerApp, traceparent, expectedFirstWorkflow, null);
  }

  /**
   * Whether the expected application's {@code updatedAt} (if any) is that of {@code application},
   * the task's application as stored.
   */
  public boolean applicationHolds(Optional<ApplicationRecord> application) {
    return expectedApplicationUpdatedAt == null
        || application.map(a -> a.updatedAt().equals(expectedApplicationUpdatedAt)).orElse(false);
  }

  /**
   * Whether the expected first workflow (if any) is the first of {@code workflows}, an
   * application's workflows oldest first, unchanged.
   */
  public boolean firstWorkflowHolds(java.util.List<WorkflowRecord> workflows) {
    if (expectedFirstWorkflow == null) {
      return true;
    }
    return !workflows.isEmpty()
        && workflows.get(0).id().equals(expectedFirstWorkflow.id())
        && workflows.get(0).updatedAt().equals(expectedFirstWorkflow.updatedAt());
  }
}
