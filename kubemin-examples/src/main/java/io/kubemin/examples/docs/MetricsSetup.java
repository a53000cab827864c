package io.kubemin.examples.docs;

import io.kubemin.KubeMin;
import io.kubemin.metrics.MicrometerMetrics;
import io.kubemin.spi.JobExecutor;
import io.kubemin.spi.Queue;
import io.micrometer.core.instrument.MeterRegistry;

/** docs/metrics.md: task, job and queue meters in the host's registry. */
public final class MetricsSetup {
  private MetricsSetup() {}

  /**
   * Builds an engine whose tasks, jobs and queue depth are measured.
   *
   * @param registry Prometheus, OTLP, or a {@code SimpleMeterRegistry} in tests
   * @param queue the queue the engine uses (it stays the caller's to close)
   */
  public static KubeMin build(MeterRegistry registry, Queue queue, JobExecutor executor) {
    MicrometerMetrics metrics = new MicrometerMetrics(registry).bindQueue(queue);
    return KubeMin.builder().queue(queue).listener(metrics).jobExecutor(executor).build();
  }
}
