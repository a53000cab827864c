package io.kubemin.testsupport;

import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.DataStoreProvider;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A test provider standing in for the {@code mysql} store type (whose real provider is not on
 * core's test class path): in-memory stores that note whether they were closed, to check that
 * KubeMin closes what it opened.
 */
public final class TrackingProviders {
  /** Every store opened through this provider, with whether it was closed. */
  public static final List<AtomicBoolean> OPENED = new CopyOnWriteArrayList<>();

  private TrackingProviders() {}

  private static <T> T tracked(Class<T> type, T target) {
    AtomicBoolean closed = new AtomicBoolean();
    OPENED.add(closed);
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> {
              if (method.getName().equals("close")) {
                closed.set(true);
              }
              return method.invoke(target, args);
            }));
  }

  /** A store of type {@code tracking}, for URIs {@code jdbc:tracking…} (an in-memory store). */
  public static final class Store implements DataStoreProvider {
    @Override
    public String type() {
      return "tracking";
    }

    @Override
    public java.util.List<String> schemes() {
      return java.util.List.of("jdbc:tracking");
    }

    @Override
    public DataStore create(Map<String, String> settings) {
      return tracked(DataStore.class, new InMemoryDataStore());
    }
  }
}
