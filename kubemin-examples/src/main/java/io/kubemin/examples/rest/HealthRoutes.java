package io.kubemin.examples.rest;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Liveness ({@code /health}, {@code /healthz}: the process answers) and readiness ({@code /ready},
 * {@code /readyz}: every {@link ReadinessCheck} passes within its time limit), under the API prefix
 * and at the root, where probes look for them (the upstream served them only under the prefix).
 */
final class HealthRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(HealthRoutes.class);

  private final List<ReadinessCheck> checks;
  private final ExecutorService executor;
  private final Duration timeout;

  HealthRoutes(List<ReadinessCheck> checks, ExecutorService executor, Duration timeout) {
    this.checks = List.copyOf(checks);
    this.executor = executor;
    this.timeout = timeout;
  }

  /**
   * The readiness answer.
   *
   * @param status {@code ready} or {@code not ready}
   * @param error the first failed check and why, else absent
   * @param checks each check's result: {@code ok} or why not
   */
  record Readiness(String status, String error, Map<String, String> checks) {}

  void register(Router router, String prefix) {
    for (String base : List.of(prefix, "")) {
      router
          .get(base + "/health", request -> healthy())
          .get(base + "/healthz", request -> healthy())
          .get(base + "/ready", request -> ready())
          .get(base + "/readyz", request -> ready());
    }
  }

  private static RestResponse healthy() {
    return RestResponse.ok(Map.of("status", "healthy"));
  }

  private RestResponse ready() throws InterruptedException {
    Map<String, CompletableFuture<Void>> running = new LinkedHashMap<>();
    for (ReadinessCheck check : checks) {
      running.put(check.name(), CompletableFuture.runAsync(() -> probe(check), executor));
    }
    Map<String, String> results = new LinkedHashMap<>();
    String error = null;
    for (Map.Entry<String, CompletableFuture<Void>> entry : running.entrySet()) {
      String outcome = outcome(entry.getValue());
      results.put(entry.getKey(), outcome);
      if (error == null && !outcome.equals("ok")) {
        error = entry.getKey() + " unreachable: " + outcome;
      }
    }
    return error == null
        ? RestResponse.ok(new Readiness("ready", null, results))
        : new RestResponse(503, new Readiness("not ready", error, results));
  }

  private String outcome(CompletableFuture<Void> check) throws InterruptedException {
    try {
      check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return "ok";
    } catch (TimeoutException e) {
      check.cancel(true);
      return "no answer within " + timeout.toMillis() + " ms";
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof ProbeFailure failure ? failure.getCause() : e;
      String reason =
          cause.getMessage() == null
              ? cause.getClass().getSimpleName()
              : cause.getMessage().lines().findFirst().orElse("");
      String redacted = ErrorResponses.redact(reason);
      LOG.warn("readiness check failed: {}", redacted);
      return redacted;
    }
  }

  private static void probe(ReadinessCheck check) {
    try {
      check.probe().check();
    } catch (Exception e) {
      throw new ProbeFailure(e);
    }
  }

  /** Carries a check's checked exception out of the executor. */
  private static final class ProbeFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ProbeFailure(Exception cause) {
      super(cause);
    }
  }
}
