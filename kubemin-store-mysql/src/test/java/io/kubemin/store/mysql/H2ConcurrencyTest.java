package io.kubemin.store.mysql;

import io.kubemin.Ids;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several stores (separate pools) on one H2 memory database, racing. */
class H2ConcurrencyTest {
  private final String url = "jdbc:h2:mem:race_" + Ids.newId();
  private List<MySqlDataStore> stores = List.of();

  @AfterEach
  void closeStores() {
    stores.forEach(MySqlDataStore::close);
  }

  private MySqlDataStore open() {
    return MySqlDataStore.open(url, MySqlSettings.builder().poolSize(4).build());
  }

  @Test
  void concurrentStartsMigrateOnce() throws Exception {
    stores = ConcurrencyScenarios.openConcurrently(this::open);
    SchemaAssertions.assertMigratedOnce(url);
  }

  @Test
  void fourStoresClaimEveryTaskExactlyOnce() throws Exception {
    stores = List.of(open(), open(), open(), open());
    ConcurrencyScenarios.everyTaskIsClaimedOnce(stores, 2_000);
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
