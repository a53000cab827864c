package io.kubemin.store.mysql;

import io.kubemin.Ids;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.DataStoreContract;

/** The store contract on a new H2 memory database per test. */
class H2MemoryContractTest extends DataStoreContract {
  @Override
  protected DataStore newStore() {
    return MySqlDataStore.open("jdbc:h2:mem:contract_" + Ids.newId());
  }
}
