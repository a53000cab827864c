package io.kubemin.store.mysql.internal;

import io.kubemin.spi.DataStoreException;
import io.kubemin.store.mysql.SqlDialect;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/** Tells which supported database a connection reaches, and refuses the others. */
public final class Dialects {
  private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)\\.(\\d+)");

  private Dialects() {}

  /**
   * The dialect of the database behind {@code handle}.
   *
   * @throws DataStoreException for an unsupported product or version, or an H2 database not in
   *     MySQL mode
   */
  public static SqlDialect detect(Handle handle) {
    try {
      DatabaseMetaData metaData = handle.getConnection().getMetaData();
      if (metaData.getDatabaseProductName().startsWith("H2")) {
        requireMySqlMode(handle);
        return checked(SqlDialect.H2, metaData.getDatabaseProductVersion());
      }
    } catch (SQLException e) {
      throw new DataStoreException("cannot read the database's metadata: " + e.getMessage(), e);
    }
    // Connector/J reports MariaDB as "MySQL"; the server's own version string tells them apart.
    String version = handle.createQuery("SELECT VERSION()").mapTo(String.class).one();
    SqlDialect dialect = version.contains("MariaDB") ? SqlDialect.MARIADB : SqlDialect.MYSQL;
    requireDatabase(handle);
    return checked(dialect, version);
  }

  private static SqlDialect checked(SqlDialect dialect, String version) {
    Matcher matcher = MAJOR_MINOR.matcher(version.replaceFirst("^5\\.5\\.5-", ""));
    if (!matcher.find()
        || !dialect.supports(
            Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)))) {
      throw new DataStoreException(
          dialect.productName()
              + " "
              + version
              + " is not supported: the store needs "
              + dialect.productName()
              + " "
              + dialect.minimumVersion()
              + " or later");
    }
    return dialect;
  }

  private static void requireMySqlMode(Handle handle) {
    String mode =
        handle
            .createQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'MODE'")
            .mapTo(String.class)
            .findOne()
            .orElse("");
    if (!mode.equalsIgnoreCase("MySQL")) {
      throw new DataStoreException(
          "the H2 database runs in mode '"
              + mode
              + "': the store needs MySQL mode; add ;MODE=MySQL;DATABASE_TO_LOWER=TRUE to its URL");
    }
  }

  private static void requireDatabase(Handle handle) {
    String database = handle.createQuery("SELECT DATABASE()").mapTo(String.class).one();
    if (database == null || database.isEmpty()) {
      throw new DataStoreException(
          "the JDBC URL names no database: add one, as in jdbc:mariadb://host:3306/kubemin");
    }
  }
}
