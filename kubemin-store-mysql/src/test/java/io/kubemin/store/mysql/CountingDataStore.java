package io.kubemin.store.mysql;

import io.kubemin.spi.DataStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Wraps a {@link DataStore} and counts the calls of each method, including those made on the store
 * of a transaction: the store round trips an engine makes.
 */
final class CountingDataStore {
  /** Methods that write. */
  static final Set<String> WRITES =
      Set.of(
          "putApplication",
          "deleteApplication",
          "putComponent",
          "deleteComponent",
          "updateComponentStatus",
          "putWorkflow",
          "insertTask",
          "compareAndSet",
          "requestCancel",
          "insertJob");

  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final DataStore proxy;

  CountingDataStore(DataStore target) {
    this.proxy = wrap(target);
  }

  /** The counting store to hand to the engine. */
  DataStore store() {
    return proxy;
  }

  /** Calls per method so far, by name. */
  Map<String, Long> calls() {
    Map<String, Long> snapshot = new TreeMap<>();
    calls.forEach((name, count) -> snapshot.put(name, count.sum()));
    return snapshot;
  }

  /** Calls of methods that write. */
  long writes() {
    return calls().entrySet().stream()
        .filter(e -> WRITES.contains(e.getKey()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** Forgets the counts. */
  void reset() {
    calls.clear();
  }

  private DataStore wrap(DataStore target) {
    return (DataStore)
        Proxy.newProxyInstance(
            DataStore.class.getClassLoader(),
            new Class<?>[] {DataStore.class},
            (self, method, args) -> {
              calls.computeIfAbsent(method.getName(), k -> new LongAdder()).increment();
              Object[] actual = args;
              if (method.getName().equals("inTransaction")) {
                @SuppressWarnings("unchecked")
                Function<DataStore, Object> work = (Function<DataStore, Object>) args[0];
                actual = new Object[] {(Function<DataStore, Object>) tx -> work.apply(wrap(tx))};
              }
              try {
                return method.invoke(target, actual);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
