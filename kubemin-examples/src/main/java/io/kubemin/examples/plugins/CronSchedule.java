package io.kubemin.examples.plugins;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a standard five-field cron schedule ({@code minute hour day-of-month month day-of-week}):
 * each field is {@code *}, a number, a range {@code a-b}, a step {@code * /n} or {@code a-b/n}, or
 * a comma list of these, within the field's bounds; months and days of the week may be named
 * ({@code JAN}, {@code MON}). Macros such as {@code @daily} are accepted too, as Kubernetes accepts
 * them.
 */
final class CronSchedule {
  private static final List<String> FIELDS =
      List.of("minute", "hour", "day of month", "month", "day of week");
  private static final int[][] BOUNDS = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  private static final List<String> MACROS =
      List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
  private static final Pattern PART = Pattern.compile("(\\*|[A-Za-z0-9]+(-[A-Za-z0-9]+)?)(/\\d+)?");

  private CronSchedule() {}

  /** What is wrong with the schedule, or empty when it is valid. */
  static Optional<String> problem(String schedule) {
    if (schedule == null || schedule.isBlank()) {
      return Optional.of("is required: a cron schedule such as \"*/5 * * * *\"");
    }
    String trimmed = schedule.trim();
    if (trimmed.startsWith("@")) {
      return MACROS.contains(trimmed.toLowerCase(Locale.ROOT))
          ? Optional.empty()
          : Optional.of(
              "'" + trimmed + "' is not a cron macro (" + String.join(", ", MACROS) + ")");
    }
    String[] fields = trimmed.split("\\s+");
    if (fields.length != 5) {
      return Optional.of(
          "must have 5 fields (minute hour day-of-month month day-of-week), got "
              + fields.length
              + " in '"
              + trimmed
              + "'");
    }
    for (int i = 0; i < fields.length; i++) {
      Optional<String> problem = fieldProblem(fields[i], i);
      if (problem.isPresent()) {
        return Optional.of(FIELDS.get(i) + " field '" + fields[i] + "' " + problem.get());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> fieldProblem(String field, int index) {
    for (String part : field.split(",", -1)) {
      if (!PART.matcher(part).matches()) {
        return Optional.of("is not *, a value, a range a-b or a step x/n");
      }
      String range = part.contains("/") ? part.substring(0, part.indexOf('/')) : part;
      if (range.equals("*")) {
        continue;
      }
      for (String value : range.split("-")) {
        Integer number = value(value, index);
        if (number == null || number < BOUNDS[index][0] || number > BOUNDS[index][1]) {
          return Optional.of(
              "has '" + value + "' outside " + BOUNDS[index][0] + ".." + BOUNDS[index][1]);
        }
      }
    }
    return Optional.empty();
  }

  private static Integer value(String text, int index) {
    String upper = text.toUpperCase(Locale.ROOT);
    if (index == 3 && MONTHS.contains(upper)) {
      return MONTHS.indexOf(upper) + 1;
    }
    if (index == 4 && DAYS.contains(upper)) {
      return DAYS.indexOf(upper);
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
