package io.kubemin.memory;

import io.kubemin.spi.DataStore;
import io.kubemin.spi.DataStoreProvider;
import io.kubemin.spi.Queue;
import io.kubemin.spi.QueueProvider;
import java.util.Map;

/** ServiceLoader providers of type {@code memory}. */
public final class MemoryProviders {
  private MemoryProviders() {}

  /** Provides {@link InMemoryDataStore}. */
  public static final class Store implements DataStoreProvider {
    @Override
    public String type() {
      return "memory";
    }

    @Override
    public DataStore create(Map<String, String> settings) {
      return new InMemoryDataStore();
    }
  }

  /** Provides {@link InMemoryQueue}. */
  public static final class Messages implements QueueProvider {
    @Override
    public String type() {
      return "memory";
    }

    @Override
    public Queue create(Map<String, String> settings) {
      return new InMemoryQueue();
    }
  }
}
