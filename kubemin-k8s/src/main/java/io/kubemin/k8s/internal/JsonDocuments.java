package io.kubemin.k8s.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Operations on JSON documents held as plain maps, lists and scalars. */
public final class JsonDocuments {
  private JsonDocuments() {}

  /**
   * Applies a JSON merge patch (RFC 7386): objects merge recursively, {@code null} removes a key,
   * anything else (lists included) replaces. Neither argument is changed.
   */
  public static Map<String, Object> mergePatch(
      Map<String, Object> target, Map<String, Object> patch) {
    Map<String, Object> result = new LinkedHashMap<>(target);
    for (Map.Entry<String, Object> entry : patch.entrySet()) {
      Object value = entry.getValue();
      if (value == null) {
        result.remove(entry.getKey());
      } else if (value instanceof Map<?, ?> patchMap
          && result.get(entry.getKey()) instanceof Map<?, ?> targetMap) {
        result.put(entry.getKey(), mergePatch(asObject(targetMap), asObject(patchMap)));
      } else {
        result.put(entry.getKey(), value);
      }
    }
    return result;
  }

  /**
   * Whether {@code actual} holds everything {@code desired} says: objects may have extra keys
   * (fields the API server defaulted), lists must have the same length and match element by
   * element, numbers compare by value.
   */
  public static boolean contains(Object actual, Object desired) {
    if (desired == null) {
      return true;
    }
    if (desired instanceof Map<?, ?> desiredMap) {
      if (!(actual instanceof Map<?, ?> actualMap)) {
        return desiredMap.isEmpty() && actual == null;
      }
      return desiredMap.entrySet().stream()
          .allMatch(e -> contains(actualMap.get(e.getKey()), e.getValue()));
    }
    if (desired instanceof List<?> desiredList) {
      if (!(actual instanceof List<?> actualList)) {
        return desiredList.isEmpty() && actual == null;
      }
      if (actualList.size() != desiredList.size()) {
        return false;
      }
      for (int i = 0; i < desiredList.size(); i++) {
        if (!contains(actualList.get(i), desiredList.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (desired instanceof Number desiredNumber && actual instanceof Number actualNumber) {
      return new BigDecimal(desiredNumber.toString())
              .compareTo(new BigDecimal(actualNumber.toString()))
          == 0;
    }
    return desired.equals(actual);
  }

  /** A deep copy of a document (maps and lists copied, scalars shared). */
  public static Map<String, Object> copy(Map<String, Object> document) {
    return asObject(copyValue(document));
  }

  private static Object copyValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), copyValue(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(copyValue(v)));
      return copy;
    }
    return value;
  }

  /** The map as a JSON object with string keys. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> asObject(Object map) {
    return (Map<String, Object>) map;
  }
}
