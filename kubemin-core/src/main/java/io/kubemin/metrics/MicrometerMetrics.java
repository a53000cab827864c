package io.kubemin.metrics;

import io.kubemin.internal.engine.EngineSettings;
import io.kubemin.spi.Queue;
import io.kubemin.workflow.JobEvent;
import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.WorkflowListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;

/**
 * Records task and job outcomes and durations in a Micrometer registry. Register it as a listener,
 * and bind the queue for depth gauges:
 *
 * <pre>{@code
 * MicrometerMetrics metrics = new MicrometerMetrics(registry);
 * KubeMin kubemin = KubeMin.builder().queue(queue).listener(metrics).jobExecutor(executor).build();
 * metrics.bindQueue(queue);
 * }</pre>
 *
 * <p>Events are per instance, so each instance reports the tasks and jobs it ran; sum them across
 * instances in the monitoring system. See docs/metrics.md for names and tags.
 */
public final class MicrometerMetrics implements WorkflowListener {
  /** The consumer group the engine's workers read, the default of {@link #bindQueue(Queue)}. */
  public static final String WORKER_GROUP = EngineSettings.WORKER_GROUP;

  private final MeterRegistry registry;

  /**
   * Records into {@code registry}.
   *
   * @throws NullPointerException when registry is null
   */
  public MicrometerMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry must not be null");
  }

  /** Counts a task started again after its earlier attempt lost its lease or was handed back. */
  @Override
  public void taskStarted(TaskEvent event) {
    if (event.attempt() > 1) {
      Counter.builder("kubemin.tasks.resumed")
          .description("tasks started again by a worker after an earlier attempt was taken back")
          .register(registry)
          .increment();
    }
  }

  /** Counts the task by outcome and records its duration. */
  @Override
  public void taskFinished(TaskEvent event) {
    String outcome = event.status().jsonName();
    Counter.builder("kubemin.tasks.finished")
        .description("tasks that reached a final state")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    Timer.builder("kubemin.task.duration")
        .description("time from a task's start to its end")
        .tag("outcome", outcome)
        .register(registry)
        .record(event.duration());
  }

  /** Counts the job by kind and outcome and records its duration. */
  @Override
  public void jobFinished(JobEvent event) {
    String kind = event.kind().kubernetesKind();
    String outcome = event.status().jsonName();
    Counter.builder("kubemin.jobs.finished")
        .description("job runs that ended")
        .tag("kind", kind)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    Timer.builder("kubemin.job.duration")
        .description("time a job run took, apply and wait until ready")
        .tag("kind", kind)
        .tag("outcome", outcome)
        .register(registry)
        .record(event.duration());
  }

  /** Registers queue depth gauges for the engine's worker group ({@link #WORKER_GROUP}). */
  public MicrometerMetrics bindQueue(Queue queue) {
    return bindQueue(queue, WORKER_GROUP);
  }

  /**
   * Registers gauges {@code kubemin.queue.backlog}, {@code kubemin.queue.pending} and {@code
   * kubemin.queue.dead_lettered}, tagged {@code group}. They read {@link Queue#stats} lazily, at
   * most once per second; while the queue cannot tell, they report NaN.
   *
   * @return this, for chaining
   * @throws NullPointerException when queue or group is null
   */
  public MicrometerMetrics bindQueue(Queue queue, String group) {
    Objects.requireNonNull(queue, "queue must not be null");
    Objects.requireNonNull(group, "group must not be null");
    new QueueGauges(new CachedQueueStats(queue, group, System::nanoTime), group).register(registry);
    return this;
  }
}
