package io.kubemin.model;

import java.util.List;

/**
 * A workflow-only body, as the upstream's {@code PUT .../workflow} and workflow dry-run take.
 *
 * @param workflowId the workflow to replace (empty: the default one)
 * @param name workflow name
 * @param alias display name
 * @param workflow the steps
 */
public record WorkflowRequest(String workflowId, String name, String alias, List<Step> workflow) {
  public WorkflowRequest {
    workflow = Immutables.list(workflow);
  }
}
