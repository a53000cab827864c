package io.kubemin.examples.docs.plugins;

import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.DataStoreProvider;
import java.util.List;
import java.util.Map;

/**
 * A store provider that claims {@code acme://} URIs ({@code dataStoreUri("acme://...")}). A real
 * one opens its database from {@code settings.get("uri")}; this sample hands out an in-memory
 * store.
 */
public final class AcmeStoreProvider implements DataStoreProvider {

  @Override
  public String type() {
    return "acme";
  }

  @Override
  public List<String> schemes() {
    return List.of("acme://");
  }

  @Override
  public DataStore create(Map<String, String> settings) {
    return new InMemoryDataStore();
  }
}
