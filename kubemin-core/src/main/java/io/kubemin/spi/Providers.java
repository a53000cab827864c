package io.kubemin.spi;

import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Finds store and queue providers through {@link ServiceLoader}. A URI goes to the one provider on
 * the class path that {@linkplain DataStoreProvider#accepts accepts} it: {@code memory}, {@code
 * jdbc:mysql:}/{@code jdbc:mariadb:}/{@code jdbc:h2:} (kubemin-store-mysql), {@code
 * redis://}/{@code rediss://} (kubemin-queue-redis), {@code kafka://} (kubemin-queue-kafka), or
 * whatever scheme a third-party provider claims. A URI no provider accepts, or one that two
 * providers claim, fails at once, naming what was found and the artifact to add or remove.
 */
public final class Providers {
  // Only hints for error messages: which artifact to add for a well-known scheme.
  private static final Map<String, String> ARTIFACTS =
      Map.of(
          "memory", "io.kubemin:kubemin-core",
          "mysql", "io.kubemin:kubemin-store-mysql",
          "redis", "io.kubemin:kubemin-queue-redis",
          "kafka", "io.kubemin:kubemin-queue-kafka");
  private static final Map<String, String> HINTED_TYPES =
      Map.of(
          "memory", "memory", "jdbc", "mysql", "redis", "redis", "rediss", "redis", "kafka",
          "kafka");
  private static final Pattern USER_INFO = Pattern.compile("(?<=//)[^/@?#]*@");
  private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

  private Providers() {}

  /**
   * Whether {@code uri} is {@code type} or starts with one of {@code schemes} (ignoring case): the
   * default rule of {@link DataStoreProvider#accepts} and {@link QueueProvider#accepts}.
   */
  public static boolean matches(String uri, String type, List<String> schemes) {
    if (uri == null) {
      return false;
    }
    String lower = uri.trim().toLowerCase(Locale.ROOT);
    if (type != null && lower.equals(type.toLowerCase(Locale.ROOT))) {
      return true;
    }
    return schemes.stream().anyMatch(s -> lower.startsWith(s.toLowerCase(Locale.ROOT)));
  }

  /**
   * The provider type a URI asks for: the type of the store or queue provider on the class path
   * that accepts it, else the type its well-known scheme suggests ({@code jdbc:} mysql, {@code
   * redis://} redis, {@code kafka://} kafka).
   *
   * @throws IllegalArgumentException when it is empty, or no provider accepts it and its scheme is
   *     not a well-known one
   */
  public static String typeOf(String uri) {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("a store or queue URI must not be empty");
    }
    ClassLoader loader = Providers.class.getClassLoader();
    List<DataStoreProvider> stores =
        claimants(DataStoreProvider.class, uri, loader, DataStoreProvider::accepts);
    if (!stores.isEmpty()) {
      return stores.get(0).type();
    }
    List<QueueProvider> queues =
        claimants(QueueProvider.class, uri, loader, QueueProvider::accepts);
    if (!queues.isEmpty()) {
      return queues.get(0).type();
    }
    String hinted = hintedType(uri);
    if (hinted == null) {
      throw new IllegalArgumentException(
          "unsupported URI '"
              + masked(uri)
              + "': no store or queue provider on the class path accepts it (expected memory,"
              + " jdbc:…, redis://…, rediss://…, kafka://… or a scheme a provider claims)");
    }
    return hinted;
  }

  /** Opens the store a URI names, through the one provider that accepts it. */
  public static DataStore openDataStore(String uri) {
    return openDataStore(uri, Providers.class.getClassLoader());
  }

  /**
   * Opens the store a URI names, through the one provider the class loader's {@link ServiceLoader}
   * finds that accepts it.
   *
   * @throws ProviderNotFoundException when none or more than one accepts it
   */
  public static DataStore openDataStore(String uri, ClassLoader loader) {
    return claimant(
            DataStoreProvider.class,
            uri,
            loader,
            DataStoreProvider::accepts,
            DataStoreProvider::type)
        .create(Map.of("uri", uri.trim()));
  }

  /** Opens the queue a URI names, through the one provider that accepts it. */
  public static Queue openQueue(String uri) {
    return openQueue(uri, Providers.class.getClassLoader());
  }

  /**
   * Opens the queue a URI names, through the one provider the class loader's {@link ServiceLoader}
   * finds that accepts it.
   *
   * @throws ProviderNotFoundException when none or more than one accepts it
   */
  public static Queue openQueue(String uri, ClassLoader loader) {
    return claimant(QueueProvider.class, uri, loader, QueueProvider::accepts, QueueProvider::type)
        .create(Map.of("uri", uri.trim()));
  }

  /** The one store provider of this type on the class path. */
  public static DataStoreProvider dataStoreProvider(String type) {
    return find(DataStoreProvider.class, type, DataStoreProvider::type);
  }

  /** The one queue provider of this type on the class path. */
  public static QueueProvider queueProvider(String type) {
    return find(QueueProvider.class, type, QueueProvider::type);
  }

  private static <P> P claimant(
      Class<P> service,
      String uri,
      ClassLoader loader,
      BiPredicate<P, String> accepts,
      Function<P, String> typeOf) {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("a store or queue URI must not be empty");
    }
    List<P> claiming = claimants(service, uri, loader, accepts);
    if (claiming.size() == 1) {
      return claiming.get(0);
    }
    String kind = kind(service);
    if (claiming.isEmpty()) {
      List<String> available = new ArrayList<>();
      ServiceLoader.load(service, loader).forEach(p -> available.add(typeOf.apply(p)));
      String type = hintedType(uri);
      if (type == null) {
        throw new ProviderNotFoundException(
            "no " + kind + " provider accepts '" + masked(uri) + "' (found: " + available + ")",
            null,
            available);
      }
      throw new ProviderNotFoundException(
          "no "
              + kind
              + " provider of type '"
              + type
              + "' accepts '"
              + masked(uri)
              + "' on the class path (found: "
              + available
              + "); add "
              + ARTIFACTS.getOrDefault(type, "the artifact that provides it"),
          type,
          available);
    }
    List<String> described = claiming.stream().map(p -> describe(p, typeOf)).toList();
    throw new ProviderNotFoundException(
        "'"
            + masked(uri)
            + "' is claimed by more than one "
            + kind
            + " provider: "
            + String.join(" and ", described)
            + "; remove one artifact or pass the instance to the builder explicitly",
        typeOf.apply(claiming.get(0)),
        described);
  }

  private static <P> List<P> claimants(
      Class<P> service, String uri, ClassLoader loader, BiPredicate<P, String> accepts) {
    List<P> claiming = new ArrayList<>();
    for (P provider : ServiceLoader.load(service, loader)) {
      if (accepts.test(provider, uri.trim())) {
        claiming.add(provider);
      }
    }
    return claiming;
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
    String kind = kind(service);
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
    List<String> classes = matching.stream().map(p -> describe(p, typeOf)).toList();
    throw new ProviderNotFoundException(
        "more than one "
            + kind
            + " provider of type '"
            + type
            + "': "
            + String.join(" and ", classes)
            + "; pass the instance to the builder explicitly",
        type,
        classes);
  }

  private static String kind(Class<?> service) {
    return service.getSimpleName().replace("Provider", "").toLowerCase(Locale.ROOT);
  }

  /** {@code type (class from artifact)}. */
  private static <P> String describe(P provider, Function<P, String> typeOf) {
    return typeOf.apply(provider)
        + " ("
        + provider.getClass().getName()
        + " from "
        + artifactOf(provider.getClass())
        + ")";
  }

  private static String artifactOf(Class<?> type) {
    CodeSource source =
        type.getProtectionDomain() == null ? null : type.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    if (location == null) {
      return "an unknown location";
    }
    String[] segments = location.getPath().split("/");
    int last = segments.length - 1;
    while (last > 0 && segments[last].isEmpty()) {
      last--;
    }
    boolean classesDirectory =
        segments[last].endsWith("classes") && last >= 2 && segments[last - 1].equals("target");
    return classesDirectory ? segments[last - 2] : segments[last];
  }

  private static String hintedType(String uri) {
    String lower = uri.trim().toLowerCase(Locale.ROOT);
    int colon = lower.indexOf(':');
    return HINTED_TYPES.get(colon < 0 ? lower : lower.substring(0, colon));
  }

  private static String masked(String uri) {
    return PASSWORD.matcher(USER_INFO.matcher(uri.trim()).replaceAll("***@")).replaceAll("$1***");
  }
}
