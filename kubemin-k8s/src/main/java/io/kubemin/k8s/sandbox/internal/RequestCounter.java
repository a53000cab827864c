package io.kubemin.k8s.sandbox.internal;

import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Counts API requests by Kubernetes verb ({@code get}, {@code list}, {@code watch}, {@code create},
 * {@code update}, {@code patch}, {@code delete}, {@code deletecollection}), leaving out the
 * sandbox's own requests (recognised by their user agent).
 */
public final class RequestCounter {
  /** User agent of the sandbox's own client, whose requests are not counted. */
  public static final String INTERNAL_USER_AGENT = "kubemin-sandbox-internal";

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final Predicate<String> isNamedPath;

  /**
   * @param isNamedPath whether a path (without query) names one object rather than a collection
   */
  public RequestCounter(Predicate<String> isNamedPath) {
    this.isNamedPath = isNamedPath;
  }

  /** Counts one request. */
  public void record(RecordedRequest request) {
    String agent = request.getHeader("User-Agent");
    if (agent != null && agent.startsWith(INTERNAL_USER_AGENT)) {
      return;
    }
    counts.computeIfAbsent(verb(request), v -> new LongAdder()).increment();
  }

  /** The counts so far, by verb, sorted by verb. */
  public Map<String, Long> snapshot() {
    Map<String, Long> snapshot = new TreeMap<>();
    counts.forEach((verb, count) -> snapshot.put(verb, count.sum()));
    return snapshot;
  }

  /** Starts counting from zero. */
  public void reset() {
    counts.clear();
  }

  private String verb(RecordedRequest request) {
    String path = request.getPath();
    int query = path.indexOf('?');
    String bare = query < 0 ? path : path.substring(0, query);
    boolean named = isNamedPath.test(bare);
    return switch (request.getMethod().toUpperCase(java.util.Locale.ROOT)) {
      case "GET" -> path.contains("watch=true") ? "watch" : named ? "get" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> request.getMethod().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
