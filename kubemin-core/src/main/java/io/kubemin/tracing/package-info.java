/**
 * API: OpenTelemetry tracing of the engine. Optional: {@code io.opentelemetry:opentelemetry-api} is
 * an optional dependency of kubemin-core; a host that wants spans adds it and gives the builder an
 * {@link io.kubemin.tracing.OpenTelemetryTracing}. Without it the engine loads no OpenTelemetry
 * class. See docs/observability.md.
 */
package io.kubemin.tracing;
