package io.kubemin.store.mysql;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Four stores (separate pools) on one MariaDB database, racing. */
class MariaDbConcurrencyIT {
  private MariaDbDatabase database;
  private List<MySqlDataStore> stores = List.of();

  @BeforeEach
  void createDatabase() {
    database = MariaDbDatabase.create();
  }

  @AfterEach
  void dropDatabase() {
    stores.forEach(MySqlDataStore::close);
    if (database != null) {
      database.close();
    }
  }

  private MySqlDataStore open() {
    return MySqlDataStore.open(database.mariaDbUrl(), MySqlSettings.builder().poolSize(4).build());
  }

  @Test
  void concurrentStartsMigrateOnce() throws Exception {
    stores = ConcurrencyScenarios.openConcurrently(this::open);
    SchemaAssertions.assertMigratedOnce(database.mariaDbUrl());
  }

  @Test
  void fourStoresClaimEveryTaskExactlyOnce() throws Exception {
    stores = List.of(open(), open(), open(), open());
    ConcurrencyScenarios.everyTaskIsClaimedOnce(stores, 5_000);
  }

  @Test
  void activeTaskLimitHoldsAcrossStores() throws Exception {
    stores = List.of(open(), open(), open(), open());
    ConcurrencyScenarios.activeLimitHoldsUnderConcurrentInserts(stores);
  }

  @Test
  void activeTaskLimitHoldsAcrossConcurrentExecBatches() throws Exception {
    stores = List.of(open(), open(), open(), open());
    ConcurrencyScenarios.activeLimitHoldsUnderConcurrentExecBatches(stores);
  }

  @Test
  void activeTaskLimitHoldsBetweenExecsAndPlainInserts() throws Exception {
    stores = List.of(open(), open(), open(), open());
    ConcurrencyScenarios.activeLimitHoldsBetweenExecsAndPlainInserts(stores);
  }
}
