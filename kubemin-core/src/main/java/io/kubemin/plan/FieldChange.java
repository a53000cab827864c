package io.kubemin.plan;

import java.util.Objects;

/**
 * One field a deploy would change. Values are shown as compact JSON, cut at {@value #MAX_VALUE}
 * characters; the values of a Secret's data are never shown ({@link #masked()}, with both values
 * null).
 *
 * @param path the field, such as {@code spec.replicas} or {@code data.password}
 * @param before the deployed value, null when absent or masked
 * @param after the value a deploy would write, null when it would be removed or is masked
 * @param masked whether the values are hidden (a Secret's data: "data changed")
 */
public record FieldChange(String path, String before, String after, boolean masked) {
  /** Longest value shown; longer ones end with an ellipsis. */
  public static final int MAX_VALUE = 120;

  public FieldChange {
    Objects.requireNonNull(path, "path");
    if (masked) {
      before = null;
      after = null;
    }
  }

  /** A change whose values are hidden. */
  public static FieldChange masked(String path) {
    return new FieldChange(path, null, null, true);
  }

  /** One line: {@code path: before -> after}, or {@code path: data changed} when masked. */
  public String describe() {
    if (masked) {
      return path + ": data changed";
    }
    return path
        + ": "
        + (before == null ? "(none)" : before)
        + " -> "
        + (after == null ? "(none)" : after);
  }
}
