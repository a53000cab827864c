package io.kubemin.store.mysql.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Instants in {@code DATETIME(3)} columns: UTC wall-clock time, truncated to milliseconds. They are
 * bound as text ({@code 2026-01-01 00:00:00.123}) because a {@code Timestamp} would be shifted by
 * the JVM or session time zone, and Connector/J drops the milliseconds of temporal parameters when
 * MariaDB announces itself as {@code 5.5.5-…}.
 *
 * <p>Every task row written or read goes through here several times, so years 1 to 9999 (every time
 * a task can carry) are written and read by hand; {@link DateTimeFormatter} and the driver's
 * temporal decoding showed in the backlog drain's profile. Anything else takes the general path.
 */
public final class UtcInstants {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  /** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, in epoch seconds. */
  private static final long FIRST_SECOND = -62_135_596_800L;

  private static final long LAST_SECOND = 253_402_300_799L;
  private static final int SECONDS_PER_DAY = 86_400;

  private UtcInstants() {}

  /** The parameter value for an instant; null stays null. */
  public static String text(Instant instant) {
    if (instant == null) {
      return null;
    }
    long seconds = instant.getEpochSecond();
    if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
      return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    char[] text = new char[23];
    digits(text, 0, date.getYear(), 4);
    text[4] = '-';
    digits(text, 5, date.getMonthValue(), 2);
    text[7] = '-';
    digits(text, 8, date.getDayOfMonth(), 2);
    text[10] = ' ';
    digits(text, 11, secondOfDay / 3600, 2);
    text[13] = ':';
    digits(text, 14, secondOfDay / 60 % 60, 2);
    text[16] = ':';
    digits(text, 17, secondOfDay % 60, 2);
    text[19] = '.';
    digits(text, 20, instant.getNano() / 1_000_000, 3);
    return new String(text);
  }

  /** Reads an instant; null stays null. */
  public static Instant read(ResultSet resultSet, String column) throws SQLException {
    LocalDateTime utc = resultSet.getObject(column, LocalDateTime.class);
    return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
  }

  /** Reads the instant in a column given by position (1 is the first); null stays null. */
  public static Instant read(ResultSet resultSet, int column) throws SQLException {
    LocalDateTime utc = resultSet.getObject(column, LocalDateTime.class);
    return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
  }

  private static void digits(char[] text, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
