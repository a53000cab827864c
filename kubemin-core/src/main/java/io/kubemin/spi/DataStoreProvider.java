package io.kubemin.spi;

import java.util.Map;

/**
 * Creates {@link DataStore}s of one type; found through {@link java.util.ServiceLoader}. Register
 * implementations in {@code META-INF/services/io.kubemin.spi.DataStoreProvider}.
 */
public interface DataStoreProvider {

  /** The type name, such as {@code memory} or {@code mysql}. */
  String type();

  /**
   * Creates a store. The store owns what it creates and releases it on close.
   *
   * @param settings at least {@code uri}; other keys are provider specific
   */
  DataStore create(Map<String, String> settings);
}
