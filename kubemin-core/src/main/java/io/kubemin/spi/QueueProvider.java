package io.kubemin.spi;

import java.util.Map;

/**
 * Creates {@link Queue}s of one type; found through {@link java.util.ServiceLoader}. Register
 * implementations in {@code META-INF/services/io.kubemin.spi.QueueProvider}.
 */
public interface QueueProvider {

  /** The type name, such as {@code memory}, {@code redis} or {@code kafka}. */
  String type();

  /**
   * Creates a queue. The queue owns what it creates and releases it on close.
   *
   * @param settings at least {@code uri}; other keys are provider specific
   */
  Queue create(Map<String, String> settings);
}
