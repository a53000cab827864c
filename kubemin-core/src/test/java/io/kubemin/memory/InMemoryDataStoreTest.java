package io.kubemin.memory;

import io.kubemin.spi.DataStore;
import io.kubemin.spi.DataStoreContract;

class InMemoryDataStoreTest extends DataStoreContract {
  @Override
  protected DataStore newStore() {
    return new InMemoryDataStore();
  }
}
