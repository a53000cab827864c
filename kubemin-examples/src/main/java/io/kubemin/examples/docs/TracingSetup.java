package io.kubemin.examples.docs;

import io.kubemin.KubeMin;
import io.kubemin.spi.JobExecutor;
import io.kubemin.tracing.OpenTelemetryTracing;
import io.opentelemetry.api.OpenTelemetry;

/** docs/observability.md: an engine whose deploys are traced with the host's OpenTelemetry. */
public final class TracingSetup {
  private TracingSetup() {}

  /**
   * Builds an engine that records its spans in {@code openTelemetry}.
   *
   * @param openTelemetry the host's SDK (exporter, sampler, resource), or {@code
   *     GlobalOpenTelemetry.get()}
   */
  public static KubeMin build(OpenTelemetry openTelemetry, JobExecutor executor) {
    return KubeMin.builder()
        .tracing(new OpenTelemetryTracing(openTelemetry)) // without it: no span, no OTel class
        .jobExecutor(executor)
        .build();
  }
}
