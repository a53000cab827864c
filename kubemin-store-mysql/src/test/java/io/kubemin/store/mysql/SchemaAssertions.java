package io.kubemin.store.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.store.mysql.internal.JdbcUrls;
import io.kubemin.store.mysql.internal.SchemaMigrator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Looks at the schema through a plain JDBC connection. */
final class SchemaAssertions {
  private SchemaAssertions() {}

  /** Every script is recorded exactly once. */
  static void assertMigratedOnce(String jdbcUrl) throws SQLException {
    assertThat(query(jdbcUrl, "SELECT version FROM min_schema_version ORDER BY version"))
        .containsExactlyElementsOf(
            SchemaMigrator.SCRIPTS.stream()
                .map(s -> String.valueOf(SchemaMigrator.version(s)))
                .toList());
  }

  /** The first column of every row. */
  static List<String> query(String jdbcUrl, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(JdbcUrls.normalize(jdbcUrl));
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }
}
