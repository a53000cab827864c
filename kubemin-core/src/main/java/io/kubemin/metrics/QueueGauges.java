package io.kubemin.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/** The three queue depth gauges of one consumer group. */
final class QueueGauges {
  private final CachedQueueStats stats;
  private final String group;

  QueueGauges(CachedQueueStats stats, String group) {
    this.stats = stats;
    this.group = group;
  }

  void register(MeterRegistry registry) {
    gauge(
        registry, "kubemin.queue.backlog", "messages not yet delivered", CachedQueueStats::backlog);
    gauge(
        registry,
        "kubemin.queue.pending",
        "messages delivered and not yet acknowledged",
        CachedQueueStats::pending);
    gauge(
        registry,
        "kubemin.queue.dead_lettered",
        "messages moved to the dead-letter destination",
        CachedQueueStats::deadLettered);
  }

  private void gauge(
      MeterRegistry registry,
      String name,
      String description,
      ToDoubleFunction<CachedQueueStats> value) {
    // a strong reference: the registry is the only holder of the cache
    Gauge.builder(name, stats, value)
        .description(description)
        .tag("group", group)
        .strongReference(true)
        .register(registry);
  }
}
