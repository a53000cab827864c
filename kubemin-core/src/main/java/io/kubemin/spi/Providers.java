package io.kubemin.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Finds store and queue providers by type name through {@link ServiceLoader}, and maps URIs to
 * types: {@code memory} → memory, {@code jdbc:…} → mysql, {@code redis://…}/{@code rediss://…} →
 * redis, {@code kafka://…} → kafka. A missing or ambiguous provider fails at once, naming what was
 * found and the artifact to add.
 */
public final class Providers {
  private static final Map<String, String> ARTIFACTS =
      Map.of(
          "memory", "io.kubemin:kubemin-core",
          "mysql", "io.kubemin:kubemin-store-mysql",
          "redis", "io.kubemin:kubemin-queue-redis",
          "kafka", "io.kubemin:kubemin-queue-kafka");

  private Providers() {}

  /** The provider type a URI asks for. */
  public static String typeOf(String uri) {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("a store or queue URI must not be empty");
    }
    String lower = uri.trim().toLowerCase(Locale.ROOT);
    if (lower.equals("memory") || lower.startsWith("memory:")) {
      return "memory";
    }
    if (lower.startsWith("jdbc:")) {
      return "mysql";
    }
    if (lower.startsWith("redis://") || lower.startsWith("rediss://")) {
      return "redis";
    }
    if (lower.startsWith("kafka://")) {
      return "kafka";
    }
    throw new IllegalArgumentException(
        "unsupported URI '"
            + uri
            + "': expected memory, jdbc:…, redis://…, rediss://… or kafka://…");
  }

  /** Opens the store a URI names, through its provider. */
  public static DataStore openDataStore(String uri) {
    return dataStoreProvider(typeOf(uri)).create(Map.of("uri", uri.trim()));
  }

  /** Opens the queue a URI names, through its provider. */
  public static Queue openQueue(String uri) {
    return queueProvider(typeOf(uri)).create(Map.of("uri", uri.trim()));
  }

  /** The one store provider of this type on the class path. */
  public static DataStoreProvider dataStoreProvider(String type) {
    return find(DataStoreProvider.class, type, DataStoreProvider::type);
  }

  /** The one queue provider of this type on the class path. */
  public static QueueProvider queueProvider(String type) {
    return find(QueueProvider.class, type, QueueProvider::type);
  }

  private static <P> P find(Class<P> service, String type, Function<P, String> typeOf) {
    List<P> matching = new ArrayList<>();
    List<String> available = new ArrayList<>();
    for (P provider : ServiceLoader.load(service, Providers.class.getClassLoader())) {
      available.add(typeOf.apply(provider));
      if (typeOf.apply(provider).equals(type)) {
        matching.add(provider);
      }
    }
    if (matching.size() == 1) {
      return matching.get(0);
    }
    String kind = service.getSimpleName().replace("Provider", "").toLowerCase(Locale.ROOT);
    if (matching.isEmpty()) {
      String artifact = ARTIFACTS.getOrDefault(type, "the artifact that provides it");
      throw new ProviderNotFoundException(
          "no "
              + kind
              + " provider of type '"
              + type
              + "' on the class path (found: "
              + available
              + "); add "
              + artifact,
          type,
          available);
    }
    List<String> classes = matching.stream().map(p -> p.getClass().getName()).toList();
    throw new ProviderNotFoundException(
        "more than one "
            + kind
            + " provider of type '"
            + type
            + "': "
            + classes
            + "; pass the instance to the builder explicitly",
        type,
        classes);
  }
}
