package io.kubemin.trait.internal;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Object metadata built with setters: fabric8's builders copy every nested object and cost about a
 * hundred times more, which dominates rendering.
 */
public final class Metadata {
  private Metadata() {}

  /** Metadata with a name, namespace (null for none) and a fresh copy of the labels. */
  public static ObjectMeta of(String name, String namespace, Map<String, String> labels) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setNamespace(namespace);
    meta.setLabels(copy(labels));
    return meta;
  }

  /**
   * A mutable copy in the same order, as {@code new LinkedHashMap<>(map)} makes it but without
   * iterating entries: those of an unmodifiable map are each wrapped in a new object.
   */
  public static <V> LinkedHashMap<String, V> copy(Map<String, V> map) {
    LinkedHashMap<String, V> copy = new LinkedHashMap<>((int) (map.size() / 0.75f + 1.0f));
    map.forEach(copy::put);
    return copy;
  }
}
