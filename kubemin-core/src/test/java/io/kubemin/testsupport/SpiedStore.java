package io.kubemin.testsupport;

import io.kubemin.spi.DataStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * A {@link DataStore} that shows each call to the test before the store behind it answers: the test
 * may count it, hold it or fail it (by throwing). {@link FaultyStore} is for rules of failures and
 * delays; this is for a look at the arguments.
 */
public final class SpiedStore {
  private SpiedStore() {}

  /** Sees a call of the store before the store answers it. */
  @FunctionalInterface
  public interface Spy {
    /**
     * @param method the SPI method's name
     * @param args its arguments (null for none)
     * @throws Throwable to fail the call instead of letting the store answer it
     */
    void before(String method, Object[] args) throws Throwable;
  }

  /** {@code target} with {@code spy} seeing every call first. */
  public static DataStore over(DataStore target, Spy spy) {
    return proxy(target, spy, false);
  }

  /**
   * {@code target} preferring batches ({@link DataStore#prefersBatches()}: group commit, the plan's
   * inputs read with the start), with {@code spy} seeing every call first.
   */
  public static DataStore preferringBatches(DataStore target, Spy spy) {
    return proxy(target, spy, true);
  }

  private static DataStore proxy(DataStore target, Spy spy, boolean prefersBatches) {
    return (DataStore)
        Proxy.newProxyInstance(
            DataStore.class.getClassLoader(),
            new Class<?>[] {DataStore.class},
            (proxy, method, args) -> {
              if (prefersBatches && method.getName().equals("prefersBatches")) {
                return true;
              }
              spy.before(method.getName(), args);
              try {
                return method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
