package io.kubemin.store.mysql.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.kubemin.spi.DataStoreException;
import io.kubemin.store.mysql.MySqlSettings;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** Creates the HikariCP pool of a store opened from a JDBC URL (HikariCP is optional). */
public final class HikariPools {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private HikariPools() {}

  /**
   * A pool for {@code url}; the caller closes it (it is {@link AutoCloseable}).
   *
   * @throws IllegalStateException when HikariCP or the JDBC driver is not on the class path
   * @throws DataStoreException when the database cannot be reached
   */
  public static DataSource create(String url, MySqlSettings settings) {
    requireOnClassPath(url);
    HikariConfig config = new HikariConfig();
    config.setPoolName("kubemin-store-" + POOLS.incrementAndGet());
    config.setJdbcUrl(url);
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.poolSize());
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    if (!url.startsWith("jdbc:h2:")) {
      // The hot path sends a transaction's statements in one round trip (SqlScript).
      config.addDataSourceProperty("allowMultiQueries", "true");
    }
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new DataStoreException(
          "cannot connect to " + JdbcUrls.mask(url) + ": " + rootMessage(e), e);
    }
  }

  private static void requireOnClassPath(String url) {
    try {
      Class.forName(
          "com.zaxxer.hikari.HikariDataSource", false, HikariPools.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "opening a store from a JDBC URL needs com.zaxxer:HikariCP on the class path (an optional"
              + " dependency of kubemin-store-mysql): add it, or pass a DataSource");
    }
    try {
      DriverManager.getDriver(url);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "no JDBC driver on the class path accepts "
              + JdbcUrls.mask(url)
              + ": add "
              + JdbcUrls.driverArtifact(url));
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
