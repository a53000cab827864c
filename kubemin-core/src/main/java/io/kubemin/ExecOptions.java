package io.kubemin;

/**
 * How {@link KubeMin#exec(String, ExecOptions)} starts a task.
 *
 * @param workflowId the workflow to run, or null for the application's default workflow
 * @param behindActive when the application already has an active task: wait behind it instead of
 *     failing with {@link TaskConflictException}
 */
public record ExecOptions(String workflowId, boolean behindActive) {

  /** The default workflow; fail when a task is active. */
  public static ExecOptions defaults() {
    return new ExecOptions(null, false);
  }

  /** The default workflow; wait behind an active task. */
  public static ExecOptions queueBehind() {
    return new ExecOptions(null, true);
  }

  /** These options for another workflow. */
  public ExecOptions workflow(String id) {
    return new ExecOptions(id, behindActive);
  }
}
