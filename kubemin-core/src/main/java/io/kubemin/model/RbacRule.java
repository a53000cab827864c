package io.kubemin.model;

import java.util.List;

/**
 * One policy rule of a Role or ClusterRole.
 *
 * @param apiGroups API groups ({@code ""} is the core group)
 * @param resources resources
 * @param resourceNames resource names
 * @param nonResourceUrls non-resource URLs (ClusterRole only)
 * @param verbs verbs (required)
 */
public record RbacRule(
    List<String> apiGroups,
    List<String> resources,
    List<String> resourceNames,
    List<String> nonResourceUrls,
    List<String> verbs) {
  public RbacRule {
    apiGroups = Immutables.list(apiGroups);
    resources = Immutables.list(resources);
    resourceNames = Immutables.list(resourceNames);
    nonResourceUrls = Immutables.list(nonResourceUrls);
    verbs = Immutables.list(verbs);
  }
}
