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
    meta.setLabels(new LinkedHashMap<>(labels));
    return meta;
  }
}
