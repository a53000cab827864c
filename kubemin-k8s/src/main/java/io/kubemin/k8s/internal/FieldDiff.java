package io.kubemin.k8s.internal;

import io.kubemin.plan.FieldChange;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The fields in which two documents (as {@link DesiredState#comparable} makes them) differ, as
 * paths with compact values. The values under a Secret's {@code data} are never shown.
 */
final class FieldDiff {
  private static final Set<String> EXACT_FIELDS = Set.of("data", "binaryData");

  private final boolean secret;
  private final boolean everyField;
  private final List<FieldChange> changes = new ArrayList<>();

  private FieldDiff(boolean secret, boolean everyField) {
    this.secret = secret;
    this.everyField = everyField;
  }

  /**
   * What applying {@code desired} would change in {@code existing}: fields it sets to another value
   * (fields only {@code existing} has are defaults the server added, not changes), and the keys of
   * {@code data}/{@code binaryData} it removes.
   */
  static List<FieldChange> ofDesired(
      Map<String, Object> desired, Map<String, Object> existing, boolean secret) {
    FieldDiff diff = new FieldDiff(secret, false);
    diff.objects("", desired, existing);
    return diff.changes;
  }

  /** Every field in which {@code after} (a dry run's answer) differs from {@code before}. */
  static List<FieldChange> between(
      Map<String, Object> after, Map<String, Object> before, boolean secret) {
    FieldDiff diff = new FieldDiff(secret, true);
    diff.objects("", after, before);
    return diff.changes;
  }

  private void objects(String path, Map<?, ?> after, Map<?, ?> before) {
    Set<Object> keys = new LinkedHashSet<>(after.keySet());
    boolean exact = everyField || EXACT_FIELDS.contains(path);
    if (exact) {
      keys.addAll(before.keySet());
    }
    for (Object key : keys) {
      String child = path.isEmpty() ? String.valueOf(key) : path + "." + key;
      Object wanted = after.get(key);
      Object actual = before.get(key);
      if (wanted == null && !exact) {
        continue;
      }
      value(child, wanted, actual);
    }
  }

  private void value(String path, Object after, Object before) {
    if (after instanceof Map<?, ?> afterMap && before instanceof Map<?, ?> beforeMap) {
      objects(path, afterMap, beforeMap);
      return;
    }
    if (after instanceof List<?> afterList
        && before instanceof List<?> beforeList
        && afterList.size() == beforeList.size()) {
      for (int i = 0; i < afterList.size(); i++) {
        value(path + "[" + i + "]", afterList.get(i), beforeList.get(i));
      }
      return;
    }
    if (same(after, before)) {
      return;
    }
    if (secret && (path.startsWith("data") || path.startsWith("stringData"))) {
      changes.add(FieldChange.masked(path));
      return;
    }
    changes.add(new FieldChange(path, show(before), show(after), false));
  }

  private boolean same(Object after, Object before) {
    if (!everyField) {
      return JsonDocuments.contains(before, after);
    }
    if (after instanceof Number a && before instanceof Number b) {
      return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
    }
    return Objects.equals(emptyToNull(after), emptyToNull(before));
  }

  private static Object emptyToNull(Object value) {
    return (value instanceof Map<?, ?> map && map.isEmpty())
            || (value instanceof List<?> list && list.isEmpty())
        ? null
        : value;
  }

  private static String show(Object value) {
    if (value == null) {
      return null;
    }
    String text = value instanceof String s ? '"' + s + '"' : compact(value);
    return text.length() <= FieldChange.MAX_VALUE
        ? text
        : text.substring(0, FieldChange.MAX_VALUE - 3) + "...";
  }

  private static String compact(Object value) {
    if (value instanceof Map<?, ?> map) {
      StringBuilder text = new StringBuilder("{");
      map.forEach(
          (k, v) ->
              text.append(text.length() > 1 ? "," : "").append(k).append(':').append(compact(v)));
      return text.append('}').toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder text = new StringBuilder("[");
      list.forEach(v -> text.append(text.length() > 1 ? "," : "").append(compact(v)));
      return text.append(']').toString();
    }
    return String.valueOf(value);
  }
}
