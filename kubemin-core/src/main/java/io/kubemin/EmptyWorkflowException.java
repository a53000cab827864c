package io.kubemin;

import io.kubemin.error.KubeMinException;

/** The workflow to execute has no steps (HTTP 400, business code {@value #CODE}). */
public final class EmptyWorkflowException extends KubeMinException {
  private static final long serialVersionUID = 1L;

  /** Upstream business code {@code ErrExecWorkflow}. */
  public static final int CODE = 20004;

  private final String workflowId;

  /**
   * @param workflowId the workflow
   */
  public EmptyWorkflowException(String workflowId) {
    super("workflow '" + workflowId + "' has no steps to execute", null, 400, CODE);
    this.workflowId = workflowId;
  }

  /** The workflow. */
  public String workflowId() {
    return workflowId;
  }
}
