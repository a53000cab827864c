package io.kubemin;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed between two revisions of an application, by name only (never values, so that no
 * secret is shown).
 *
 * @param appId the application
 * @param from the older side of the comparison
 * @param to the newer side
 * @param fromVersion the version string of {@code from}
 * @param toVersion the version string of {@code to}
 * @param addedComponents components in {@code to} only
 * @param removedComponents components in {@code from} only
 * @param changedComponents components in both whose definition differs (image, replicas,
 *     properties, traits, ...)
 * @param changedTraits for each changed component, the trait kinds that differ ({@code storage},
 *     {@code envs}, {@code ingress}, ...; a custom trait by its name)
 * @param addedSteps workflow steps (by name) in {@code to} only
 * @param removedSteps workflow steps in {@code from} only
 * @param changedSteps workflow steps in both whose definition differs
 */
public record RevisionDiff(
    String appId,
    int from,
    int to,
    String fromVersion,
    String toVersion,
    List<String> addedComponents,
    List<String> removedComponents,
    List<String> changedComponents,
    Map<String, List<String>> changedTraits,
    List<String> addedSteps,
    List<String> removedSteps,
    List<String> changedSteps) {
  public RevisionDiff {
    Objects.requireNonNull(appId, "appId");
    addedComponents = List.copyOf(addedComponents);
    removedComponents = List.copyOf(removedComponents);
    changedComponents = List.copyOf(changedComponents);
    changedTraits = Map.copyOf(changedTraits);
    addedSteps = List.copyOf(addedSteps);
    removedSteps = List.copyOf(removedSteps);
    changedSteps = List.copyOf(changedSteps);
  }

  /** Whether the two revisions define the same components, workflow and version. */
  public boolean identical() {
    return Objects.equals(fromVersion, toVersion)
        && addedComponents.isEmpty()
        && removedComponents.isEmpty()
        && changedComponents.isEmpty()
        && addedSteps.isEmpty()
        && removedSteps.isEmpty()
        && changedSteps.isEmpty();
  }
}
