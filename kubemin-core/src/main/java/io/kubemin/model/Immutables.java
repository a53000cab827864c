package io.kubemin.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Defensive copies for model records: null becomes empty, null elements are rejected. */
final class Immutables {
  private Immutables() {}

  static <T> List<T> list(List<T> source) {
    if (source == null || source.isEmpty()) {
      return List.of();
    }
    for (T element : source) {
      if (element == null) {
        throw new IllegalArgumentException("list elements must not be null");
      }
    }
    return Collections.unmodifiableList(new ArrayList<>(source));
  }

  /** Keeps insertion order, so written documents read like their source. */
  static <V> Map<String, V> map(Map<String, V> source) {
    if (source == null || source.isEmpty()) {
      return Map.of();
    }
    for (Map.Entry<String, V> entry : source.entrySet()) {
      if (entry.getKey() == null || entry.getValue() == null) {
        throw new IllegalArgumentException(
            "map entries must not be null (key '" + entry.getKey() + "')");
      }
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(source));
  }
}
