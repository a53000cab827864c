package io.kubemin;

import java.util.Objects;

/**
 * What {@link KubeMin#rollback} did.
 *
 * @param appId the application
 * @param from the revision that was current before
 * @param to the revision rolled back to
 * @param revision the revision now current: a new one ("rolled back from {@code from} to {@code
 *     to}"), or {@code from} when it already had the definition of {@code to}
 * @param taskId the task that deploys it (queued behind an active task), null when the workflow is
 *     empty
 * @param deletion the objects deleted because the newer revision had them and {@code to} has not
 */
public record RollbackResult(
    String appId, int from, int to, int revision, String taskId, DeletionResult deletion) {
  public RollbackResult {
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(deletion, "deletion");
  }
}
