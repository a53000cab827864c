package io.kubemin.examples.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Prints the API requests of one task by verb, and per deployed object. */
final class RequestStats {
  private static final Set<String> WRITES = Set.of("create", "update", "patch", "delete");

  private RequestStats() {}

  static void print(String what, ClusterTarget target, int objects, PrintWriter out) {
    Optional<Map<String, Long>> counts = target.requestCounts();
    if (counts.isEmpty()) {
      out.println("API requests: counted only on the sandbox (--sandbox)");
      return;
    }
    Map<String, Long> byVerb = counts.get();
    long reads = byVerb.getOrDefault("get", 0L);
    long writes =
        byVerb.entrySet().stream()
            .filter(e -> WRITES.contains(e.getKey()))
            .mapToLong(Map.Entry::getValue)
            .sum();
    out.println(
        "API requests during the "
            + what
            + " ("
            + objects
            + " objects): "
            + (byVerb.isEmpty() ? "none" : byVerb));
    if (objects > 0) {
      out.printf(
          "  per object: %.2f reads (get), %.2f writes (create/update/patch/delete); list and watch start the informers, once per kind%n",
          (double) reads / objects, (double) writes / objects);
    }
    out.flush();
  }
}
