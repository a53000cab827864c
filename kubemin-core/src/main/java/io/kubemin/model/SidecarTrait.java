package io.kubemin.model;

import java.util.List;
import java.util.Map;

/**
 * An extra container next to the main one ({@code traits.sidecar[]}).
 *
 * @param name container name (default {@code <component>-sidecar-<n>})
 * @param image image (required)
 * @param command command
 * @param args arguments
 * @param env environment
 * @param traits nested traits applied to this container (no {@code init} or {@code sidecar})
 */
public record SidecarTrait(
    String name,
    String image,
    List<String> command,
    List<String> args,
    Map<String, String> env,
    Traits traits) {
  public SidecarTrait {
    command = Immutables.list(command);
    args = Immutables.list(args);
    env = Immutables.map(env);
  }
}
