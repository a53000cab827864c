package io.kubemin.store.mysql.internal;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Builds "insert or replace by primary key" statements with one named parameter per column. */
final class Upserts {
  private Upserts() {}

  /**
   * {@code INSERT … ON DUPLICATE KEY UPDATE} on {@code table}, whose first column is the key.
   * Parameters are named after the columns.
   */
  static String sql(String table, String... columns) {
    String names = String.join(", ", columns);
    String values = Arrays.stream(columns).map(c -> ":" + c).collect(Collectors.joining(", "));
    String updates =
        Arrays.stream(columns)
            .skip(1)
            .map(c -> c + " = VALUES(" + c + ")")
            .collect(Collectors.joining(", "));
    return "INSERT INTO "
        + table
        + " ("
        + names
        + ") VALUES ("
        + values
        + ") ON DUPLICATE KEY UPDATE "
        + updates;
  }
}
