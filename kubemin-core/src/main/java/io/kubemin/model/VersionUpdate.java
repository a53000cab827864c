package io.kubemin.model;

import java.util.List;

/**
 * A version update of an application (the upstream's {@code POST .../version} body).
 *
 * @param version the new version (required)
 * @param strategy {@code rolling} (default), {@code recreate}, {@code canary} or {@code blue-green}
 * @param components the component changes
 * @param autoExec run the workflow afterwards (default true)
 * @param description new description
 */
public record VersionUpdate(
    String version,
    String strategy,
    List<ComponentChange> components,
    Boolean autoExec,
    String description) {
  public VersionUpdate {
    components = Immutables.list(components);
  }

  /** Whether the workflow runs after the update (absent means yes). */
  public boolean runsWorkflow() {
    return autoExec == null || autoExec;
  }
}
