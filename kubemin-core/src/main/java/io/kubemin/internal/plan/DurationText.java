package io.kubemin.internal.plan;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Stand-in until {@code io.kubemin.validation.Durations} lands: {@code 500ms}, {@code 90s}, ... */
final class DurationText {
  private static final Pattern FORMAT = Pattern.compile("(\\d+)(ms|s|m|h)");

  private DurationText() {}

  static Duration parse(String text) {
    Matcher matcher = FORMAT.matcher(text.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }
}
