package io.kubemin.examples.docs;

import io.kubemin.spi.DataStore;
import io.kubemin.spi.Providers;
import io.kubemin.store.mysql.MySqlDataStore;
import javax.sql.DataSource;

/** docs/store-mysql.md: three ways to open the MySQL, MariaDB or H2 store. */
public final class MySqlStoreSetup {
  private MySqlStoreSetup() {}

  /**
   * From a JDBC URL such as {@code jdbc:mariadb://db:3306/kubemin?user=kubemin&password=…}: the
   * store creates a HikariCP pool and closes it on {@code close()}.
   */
  public static MySqlDataStore fromUrl(String jdbcUrl) {
    return MySqlDataStore.open(jdbcUrl);
  }

  /** On a {@link DataSource} the host already has: the store never closes it. */
  public static MySqlDataStore fromDataSource(DataSource dataSource) {
    return MySqlDataStore.open(dataSource);
  }

  /** Through the provider (type {@code mysql}), as the engine and the CLI do for {@code jdbc:}. */
  public static DataStore fromProvider() {
    return Providers.openDataStore("jdbc:h2:file:./target/data/kubemin");
  }
}
