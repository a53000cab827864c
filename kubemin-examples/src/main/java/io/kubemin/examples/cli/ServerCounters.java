package io.kubemin.examples.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A MariaDB or MySQL server's statement and fsync counters ({@code SHOW GLOBAL STATUS}), read
 * before and after a measured run; they count every client of the server.
 */
final class ServerCounters {
  private static final List<String> COUNTERS =
      List.of(
          "Com_select",
          "Com_insert",
          "Com_insert_select",
          "Com_update",
          "Com_delete",
          "Com_commit",
          "Innodb_data_fsyncs");

  private final String storeUri;

  /** The counters of the store's server; none unless the store is {@code jdbc:mariadb/mysql:}. */
  ServerCounters(String storeUri) {
    this.storeUri = storeUri;
  }

  /** The counters now, or an empty map when the store is not MariaDB or MySQL (or unreachable). */
  Map<String, Long> read() {
    String lower = storeUri.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("jdbc:mariadb:") && !lower.startsWith("jdbc:mysql:")) {
      return Map.of();
    }
    Map<String, Long> values = new HashMap<>();
    try (Connection connection = DriverManager.getConnection(storeUri.trim());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW GLOBAL STATUS")) {
      while (rows.next()) {
        String name = rows.getString(1);
        if (COUNTERS.stream().anyMatch(c -> c.equalsIgnoreCase(name))) {
          values.put(name.toLowerCase(Locale.ROOT), Long.parseLong(rows.getString(2)));
        }
      }
    } catch (SQLException | NumberFormatException e) {
      return Map.of();
    }
    return values;
  }

  /**
   * What changed between two readings, per task: {@code select}, {@code insert}, {@code
   * insert_select}, {@code update}, {@code delete}, {@code commit}, {@code fsyncs}, and {@code
   * statements}, the sum of the five statement counters; empty when either reading is.
   */
  static Map<String, Double> perTask(Map<String, Long> before, Map<String, Long> after, int tasks) {
    Map<String, Double> perTask = new LinkedHashMap<>();
    if (before.isEmpty() || after.isEmpty()) {
      return perTask;
    }
    long statements = 0;
    for (String name : COUNTERS) {
      String lower = name.toLowerCase(Locale.ROOT);
      long value = after.getOrDefault(lower, 0L) - before.getOrDefault(lower, 0L);
      perTask.put(
          lower.replace("com_", "").replace("innodb_data_", ""),
          hundredths((double) value / tasks));
      if (name.startsWith("Com_") && !name.equals("Com_commit")) {
        statements += value;
      }
    }
    perTask.put("statements", hundredths((double) statements / tasks));
    return perTask;
  }

  private static double hundredths(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
