package io.kubemin;

import io.kubemin.error.KubeMinException;

/**
 * The workflow does not exist or belongs to another application (HTTP 404, business code {@value
 * #CODE}).
 */
public final class WorkflowNotFoundException extends KubeMinException {
  private static final long serialVersionUID = 1L;

  /** Upstream business code {@code ErrWorkflowNotExist}. */
  public static final int CODE = 20005;

  private final String appId;
  private final String workflowId;

  /**
   * @param appId the application the workflow was looked up in
   * @param workflowId the id asked for
   */
  public WorkflowNotFoundException(String appId, String workflowId) {
    super(
        "workflow '" + workflowId + "' does not exist in application '" + appId + "'",
        null,
        404,
        CODE);
    this.appId = appId;
    this.workflowId = workflowId;
  }

  /** The application the workflow was looked up in. */
  public String appId() {
    return appId;
  }

  /** The id asked for. */
  public String workflowId() {
    return workflowId;
  }
}
