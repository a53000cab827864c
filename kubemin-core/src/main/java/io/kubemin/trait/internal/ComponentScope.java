package io.kubemin.trait.internal;

import io.kubemin.error.RenderException;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import java.util.Map;

/**
 * The component being rendered and the identity its objects carry.
 *
 * @param application the application
 * @param component the component
 * @param appId application id in names and labels
 * @param componentId component id in labels
 * @param labels the component's label set
 */
public record ComponentScope(
    Application application,
    Component component,
    String appId,
    String componentId,
    Map<String, String> labels) {

  public ComponentScope {
    // Sorted, so every iteration over the labels is the same from run to run.
    labels = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(labels));
  }

  /** The component name. */
  public String name() {
    return component.name();
  }

  /** The namespace of the component's objects: the application's. */
  public String namespace() {
    return application.namespace();
  }

  /** An error at {@code path} of this component. */
  public RenderException error(String path, String problem) {
    return new RenderException(component.name(), path, problem);
  }
}
