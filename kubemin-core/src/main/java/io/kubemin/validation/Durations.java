package io.kubemin.validation;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations of step {@code timeout} and {@code retries.backoff}: one or more
 * number-and-unit parts as in Go, such as {@code 500ms}, {@code 90s}, {@code 1.5m}, {@code 1h30m};
 * units {@code ms}, {@code s}, {@code m}, {@code h}. A bare {@code 0} is zero.
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
  private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h))+");
  private static final int MAX_LENGTH = 64;
  private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

  private Durations() {}

  /**
   * The duration the text names.
   *
   * @throws IllegalArgumentException when the text is not such a duration (the message says why)
   */
  public static Duration parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("a duration is required, such as 90s, 5m or 1h30m");
    }
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    if (text.length() > MAX_LENGTH || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "'" + abbreviate(text) + "' is not a duration such as 500ms, 90s, 5m or 1h30m");
    }
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      nanos = nanos.add(new BigDecimal(part.group(1)).multiply(nanosPer(part.group(2))));
    }
    if (nanos.compareTo(MAX_NANOS) > 0) {
      throw new IllegalArgumentException("'" + text + "' is too long a duration (over 292 years)");
    }
    return Duration.ofNanos(nanos.longValue());
  }

  private static BigDecimal nanosPer(String unit) {
    return BigDecimal.valueOf(
        switch (unit) {
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m" -> 60_000_000_000L;
          default -> 3_600_000_000_000L;
        });
  }

  static String abbreviate(String text) {
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "...";
  }
}
