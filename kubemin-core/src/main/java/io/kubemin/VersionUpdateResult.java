package io.kubemin;

import java.util.List;

/**
 * What a version update did (the upstream's {@code UpdateVersionResponse}).
 *
 * @param appId the application
 * @param version the new version
 * @param previousVersion the version before
 * @param strategy the update strategy recorded ({@code rolling}, {@code recreate}, {@code canary}
 *     or {@code blue-green})
 * @param taskId the task started to roll the change out, or null when none was
 * @param updatedComponents components changed
 * @param addedComponents components added
 * @param removedComponents components removed (their cluster objects deleted)
 * @param deletion what deleting the removed components' objects did
 */
public record VersionUpdateResult(
    String appId,
    String version,
    String previousVersion,
    String strategy,
    String taskId,
    List<String> updatedComponents,
    List<String> addedComponents,
    List<String> removedComponents,
    DeletionResult deletion) {
  public VersionUpdateResult {
    updatedComponents = List.copyOf(updatedComponents);
    addedComponents = List.copyOf(addedComponents);
    removedComponents = List.copyOf(removedComponents);
  }
}
