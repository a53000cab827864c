package io.kubemin;

import io.kubemin.error.KubeMinException;

/**
 * The task does not exist, or not in the application named (HTTP 404, business code {@value
 * #CODE}).
 */
public final class TaskNotFoundException extends KubeMinException {
  private static final long serialVersionUID = 1L;

  /** Upstream business code {@code ErrWorkflowTaskNotExist}. */
  public static final int CODE = 20006;

  private final String taskId;

  /**
   * @param taskId the id asked for
   * @param detail what was wrong with it
   */
  public TaskNotFoundException(String taskId, String detail) {
    super("task '" + taskId + "' " + detail, null, 404, CODE);
    this.taskId = taskId;
  }

  /** The id asked for. */
  public String taskId() {
    return taskId;
  }
}
