package io.kubemin.examples.docs;

import io.kubemin.KubeMin;
import io.kubemin.metrics.MicrometerMetrics;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.JobExecutor;
import io.kubemin.spi.Queue;
import io.micrometer.core.instrument.MeterRegistry;

/** docs/metrics.md: task, job, store and queue meters in the host's registry. */
public final class MetricsSetup {
  private MetricsSetup() {}

  /**
   * Builds an engine whose tasks, jobs, store calls and queue calls are measured.
   *
   * @param registry Prometheus, OTLP, or a {@code SimpleMeterRegistry} in tests
   * @param store the store (it stays the caller's to close)
   * @param queue the queue (it stays the caller's to close)
   */
  public static KubeMin build(
      MeterRegistry registry, DataStore store, Queue queue, JobExecutor executor) {
    MicrometerMetrics metrics = new MicrometerMetrics(registry);
    return KubeMin.builder()
        .dataStore(metrics.instrument(store)) // kubemin.store.calls, lost conditional writes
        .queue(metrics.instrument(queue)) // kubemin.queue.calls, redeliveries
        .listener(metrics.bindQueue(queue).bindStore(store)) // tasks, jobs, depth, active tasks
        .jobExecutor(executor)
        .build();
  }
}
