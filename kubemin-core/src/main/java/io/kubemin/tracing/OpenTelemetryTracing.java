package io.kubemin.tracing;

import io.opentelemetry.api.OpenTelemetry;
import java.util.Objects;

/**
 * Traces the engine with the host's OpenTelemetry: one trace per exec, from the caller's span
 * through the dispatcher, the queue and the worker (on any instance) to each job and Kubernetes
 * request. Give it to the builder:
 *
 * <pre>{@code
 * KubeMin kubemin =
 *     KubeMin.builder().tracing(new OpenTelemetryTracing(openTelemetry)).jobExecutor(executor).build();
 * }</pre>
 *
 * <p>The trace context travels as a W3C {@code traceparent} in queue message headers and is stored
 * with the task. Span names and attributes are listed in docs/observability.md.
 */
public final class OpenTelemetryTracing {
  /** The instrumentation scope name of KubeMin's spans. */
  public static final String INSTRUMENTATION_NAME = "io.kubemin";

  private final OpenTelemetry openTelemetry;

  /**
   * Traces through {@code openTelemetry} (an SDK the host configured, or {@code
   * GlobalOpenTelemetry.get()}).
   *
   * @throws NullPointerException when openTelemetry is null
   */
  public OpenTelemetryTracing(OpenTelemetry openTelemetry) {
    this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry must not be null");
  }

  /** The OpenTelemetry the spans go to. */
  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }
}
