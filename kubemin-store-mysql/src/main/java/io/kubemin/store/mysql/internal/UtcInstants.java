package io.kubemin.store.mysql.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Instants in {@code DATETIME(3)} columns: UTC wall-clock time, truncated to milliseconds. They are
 * bound as text ({@code 2026-01-01 00:00:00.123}) because a {@code Timestamp} would be shifted by
 * the JVM or session time zone, and Connector/J drops the milliseconds of temporal parameters when
 * MariaDB announces itself as {@code 5.5.5-…}.
 */
public final class UtcInstants {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private UtcInstants() {}

  /** The parameter value for an instant; null stays null. */
  public static String text(Instant instant) {
    return instant == null ? null : FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  /** Reads an instant; null stays null. */
  public static Instant read(ResultSet resultSet, String column) throws SQLException {
    LocalDateTime utc = resultSet.getObject(column, LocalDateTime.class);
    return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
  }
}
