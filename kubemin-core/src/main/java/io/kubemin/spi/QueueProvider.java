package io.kubemin.spi;

import java.util.List;
import java.util.Map;

/**
 * Creates {@link Queue}s of one type; found through {@link java.util.ServiceLoader}. Register
 * implementations in {@code META-INF/services/io.kubemin.spi.QueueProvider}.
 */
public interface QueueProvider {

  /** The type name, such as {@code memory}, {@code redis} or {@code kafka}. */
  String type();

  /**
   * The URI prefixes this provider claims, compared ignoring case, such as {@code jdbc:mysql:} or
   * {@code redis://}. The default is {@code <type>:}; the bare type name is always claimed too.
   */
  default List<String> schemes() {
    return List.of(type() + ":");
  }

  /**
   * Whether this provider opens the URI; {@link Providers} gives a URI to the one provider on the
   * class path that accepts it, and fails naming both when two do. The default compares the URI
   * with {@link #type()} and {@link #schemes()}.
   */
  default boolean accepts(String uri) {
    return Providers.matches(uri, type(), schemes());
  }

  /**
   * Creates a queue. The queue owns what it creates and releases it on close.
   *
   * @param settings at least {@code uri}; other keys are provider specific
   */
  Queue create(Map<String, String> settings);
}
