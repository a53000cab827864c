package io.kubemin.render;

import io.kubemin.render.internal.ManifestWriter;
import io.kubemin.spi.RenderedObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The objects of a rendered application, in apply order: by band (0 ConfigMap/Secret, 1 claims and
 * RBAC, 10 workloads and Services, 20 Ingress), then in document order.
 */
public final class RenderedApplication {
  private final String appId;
  private final String namespace;
  private final Map<String, List<RenderedObject>> byComponent;
  private final List<RenderedObject> objects;

  /**
   * @param appId the application id used in names and labels
   * @param namespace the application namespace
   * @param byComponent each component's objects, in component order
   */
  public RenderedApplication(
      String appId, String namespace, Map<String, List<RenderedObject>> byComponent) {
    this.appId = appId;
    this.namespace = namespace;
    Map<String, List<RenderedObject>> copy = new LinkedHashMap<>();
    List<RenderedObject> all = new ArrayList<>();
    for (Map.Entry<String, List<RenderedObject>> entry : byComponent.entrySet()) {
      List<RenderedObject> ordered = bandOrdered(entry.getValue());
      copy.put(entry.getKey(), ordered);
      all.addAll(ordered);
    }
    this.byComponent = Collections.unmodifiableMap(copy);
    this.objects = bandOrdered(all);
  }

  /** The application id used in names and labels. */
  public String appId() {
    return appId;
  }

  /** The application namespace. */
  public String namespace() {
    return namespace;
  }

  /**
   * Every object, in apply order, each cluster object once: when two components render the same
   * kind, namespace and name, the first one is kept.
   */
  public List<RenderedObject> objects() {
    return objects;
  }

  /**
   * The objects of one component, in apply order (empty for an unknown name). An object shared with
   * an earlier component appears here too, so each component's jobs are complete.
   */
  public List<RenderedObject> forComponent(String componentName) {
    return byComponent.getOrDefault(componentName, List.of());
  }

  /** The component names, in document order. */
  public Set<String> componentNames() {
    return byComponent.keySet();
  }

  /**
   * The objects as multi-document YAML (each document starts with {@code ---}). Secret values are
   * {@code ***} unless {@code showSecrets}. The same application renders to the same bytes.
   */
  public String toYaml(boolean showSecrets) {
    return ManifestWriter.yaml(objects, showSecrets);
  }

  /** The objects as a JSON array; Secret values are {@code ***} unless {@code showSecrets}. */
  public String toJson(boolean showSecrets) {
    return ManifestWriter.json(objects, showSecrets);
  }

  private static List<RenderedObject> bandOrdered(List<RenderedObject> objects) {
    if (objects.size() == 1) {
      // Every task renders: the common single object needs no sort and no key.
      return List.of(objects.get(0));
    }
    List<RenderedObject> sorted = new ArrayList<>(objects);
    sorted.sort(Comparator.comparingInt(RenderedObject::band));
    Set<String> keys = new java.util.HashSet<>();
    sorted.removeIf(o -> !keys.add(o.key()));
    return List.copyOf(sorted);
  }

  @Override
  public String toString() {
    return "RenderedApplication[appId=" + appId + ", objects=" + objects.size() + "]";
  }
}
