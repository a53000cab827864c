/**
 * Micrometer metrics for the engine: task and job outcomes and durations, resumed tasks and queue
 * depth. Optional: {@code io.micrometer:micrometer-core} is an optional dependency of kubemin-core,
 * so a host that wants metrics adds it and registers {@link io.kubemin.metrics.MicrometerMetrics}
 * as a listener. Nothing outside this package refers to Micrometer, so the engine runs without it.
 */
package io.kubemin.metrics;
