package io.kubemin.validation;

import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities, as the API server accepts them, without a sign. The one rule
 * shared by validation and rendering.
 */
public final class Quantities {
  // Binary suffixes (Ki..Ei), decimal SI suffixes (m, k, M..E) or a decimal exponent; Kubernetes
  // also knows n and u, which the renderer does not take and no one needs for resources.
  private static final Pattern QUANTITY =
      Pattern.compile("(\\d+(\\.\\d*)?|\\.\\d+)([KMGTPE]i|[mkMGTPE]|[eE][+-]?\\d+)?");
  private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d+");
  private static final int MAX_LENGTH = 64;

  /** The rule, for messages. */
  public static final String RULE =
      "a Kubernetes quantity such as 500m, 2, 1.5Gi, 512Mi or 1e3 (suffixes Ki Mi Gi Ti Pi Ei,"
          + " m k M G T P E)";

  private Quantities() {}

  /** Whether {@code text} is a quantity such as {@code 500m} or {@code 10Gi}. */
  public static boolean isQuantity(String text) {
    return text.length() <= MAX_LENGTH && QUANTITY.matcher(text).matches();
  }

  /** Extended resources such as GPUs only come in whole units. */
  static boolean isWholeNumber(String text) {
    return text.length() <= MAX_LENGTH && WHOLE_NUMBER.matcher(text).matches();
  }
}
