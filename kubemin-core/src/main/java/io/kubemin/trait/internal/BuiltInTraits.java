package io.kubemin.trait.internal;

import java.util.List;
import java.util.Set;

/** The built-in trait processors in their fixed order, and the keys they own. */
public final class BuiltInTraits {
  private static final List<BuiltInTraitProcessor<?>> ALL =
      List.of(
          new StorageProcessor(),
          new EnvFromProcessor(),
          new EnvsProcessor(),
          new ResourcesProcessor(),
          new ProbesProcessor(),
          new RbacProcessor(),
          new InitProcessor(),
          new SidecarProcessor(),
          new IngressProcessor());

  /**
   * Keys under {@code traits} with a built-in meaning; {@code share} is handled by the renderer.
   */
  public static final Set<String> NAMES =
      Set.of(
          "storage",
          "env_from",
          "envs",
          "resources",
          "probes",
          "rbac",
          "init",
          "sidecar",
          "ingress",
          "share");

  private BuiltInTraits() {}

  /** storage, env_from, envs, resources, probes, rbac, init, sidecar, ingress. */
  public static List<BuiltInTraitProcessor<?>> all() {
    return ALL;
  }
}
