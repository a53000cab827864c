package io.kubemin.store.mysql;

import io.kubemin.spi.DataStore;
import io.kubemin.spi.DataStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The store contract on a database of its own on the local MariaDB; each test gets a new store (and
 * pool) on emptied tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MariaDbContract extends DataStoreContract {
  private MariaDbDatabase database;

  /** The URL of {@code database} through the driver under test. */
  abstract String url(MariaDbDatabase database);

  @BeforeAll
  void createDatabase() {
    database = MariaDbDatabase.create();
  }

  @AfterAll
  void dropDatabase() {
    if (database != null) {
      database.close();
    }
  }

  @Override
  protected DataStore newStore() {
    MySqlDataStore opened =
        MySqlDataStore.open(url(database), MySqlSettings.builder().poolSize(4).build());
    database.truncateStoreTables();
    return opened;
  }
}
