package io.kubemin;

import java.util.List;

/**
 * What deleting an application's cluster objects did.
 *
 * @param appId the application
 * @param deletedResources objects deleted, as {@code Kind:namespace/name}
 * @param failedResources objects that could not be deleted, as {@code Kind:namespace/name (reason)}
 */
public record DeletionResult(
    String appId, List<String> deletedResources, List<String> failedResources) {
  public DeletionResult {
    deletedResources = List.copyOf(deletedResources);
    failedResources = List.copyOf(failedResources);
  }

  /** Whether every object is gone (objects that did not exist count as gone). */
  public boolean complete() {
    return failedResources.isEmpty();
  }
}
