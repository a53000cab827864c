package io.kubemin.model;

import java.util.Optional;

/** The kinds of component KubeMin renders. */
public enum ComponentType {
  /** A Deployment, plus a Service when the component has ports. */
  WEBSERVICE("webservice"),
  /** A StatefulSet with a headless Service and volume claim templates. */
  STORE("store"),
  /** A ConfigMap named after the component. */
  CONFIG("config"),
  /** A Secret named after the component. */
  SECRET("secret");

  private final String jsonName;

  ComponentType(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name used in the {@code type} field of a component. */
  public String jsonName() {
    return jsonName;
  }

  /** The type with the given JSON name, if any (case-sensitive, as the upstream). */
  public static Optional<ComponentType> fromJsonName(String name) {
    for (ComponentType type : values()) {
      if (type.jsonName.equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** Whether components of this type run containers and therefore need an image. */
  public boolean runsContainers() {
    return this == WEBSERVICE || this == STORE;
  }
}
