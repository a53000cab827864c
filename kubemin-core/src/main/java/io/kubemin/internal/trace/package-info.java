/**
 * Internal, no compatibility guarantees: the engine's tracing hooks. Nothing here refers to
 * OpenTelemetry; {@link io.kubemin.internal.trace.EngineTracing#OFF} is what an engine without
 * tracing uses, and the OpenTelemetry bridge in {@code otel} is loaded only when the host gives an
 * {@link io.kubemin.tracing.OpenTelemetryTracing}.
 */
package io.kubemin.internal.trace;
