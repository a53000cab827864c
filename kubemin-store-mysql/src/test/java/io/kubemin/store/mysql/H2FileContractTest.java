package io.kubemin.store.mysql;

import io.kubemin.spi.DataStore;
import io.kubemin.spi.DataStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a new H2 file database per test. */
class H2FileContractTest extends DataStoreContract {
  @TempDir Path directory;

  @Override
  protected DataStore newStore() {
    return MySqlDataStore.open("jdbc:h2:file:" + directory.resolve("kubemin"));
  }
}
