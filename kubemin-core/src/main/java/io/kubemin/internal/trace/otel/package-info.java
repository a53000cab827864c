/**
 * Internal, no compatibility guarantees: the only engine code that touches the OpenTelemetry API,
 * loaded only when the host configures {@link io.kubemin.tracing.OpenTelemetryTracing}.
 */
package io.kubemin.internal.trace.otel;
