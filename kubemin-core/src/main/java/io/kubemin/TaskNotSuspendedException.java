package io.kubemin;

import io.kubemin.error.KubeMinException;
import io.kubemin.workflow.TaskStatus;

/**
 * A resume of a task that is not {@code suspended} (HTTP 409, business code {@value #CODE}, new in
 * KubeMin): it never reached a suspend step, was resumed already (by another caller too), or ended.
 * {@link #status()} says what it is now.
 */
public final class TaskNotSuspendedException extends KubeMinException {
  private static final long serialVersionUID = 1L;

  /** Business code of a resume of a task that is not suspended. */
  public static final int CODE = 20008;

  private final String taskId;
  private final TaskStatus status;

  /**
   * @param taskId the task
   * @param status its status now
   */
  public TaskNotSuspendedException(String taskId, TaskStatus status) {
    super(
        "task '"
            + taskId
            + "' is "
            + status.jsonName()
            + ", not suspended: only a suspended task"
            + " can be resumed",
        null,
        409,
        CODE);
    this.taskId = taskId;
    this.status = status;
  }

  /** The task. */
  public String taskId() {
    return taskId;
  }

  /** Its status when the resume was refused. */
  public TaskStatus status() {
    return status;
  }
}
