package io.kubemin.metrics;

import io.kubemin.internal.engine.EngineSettings;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.Queue;
import io.kubemin.workflow.JobEvent;
import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.WorkflowListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
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

  /**
   * A recorder of informer event lag for the Kubernetes status sync ({@code
   * KubernetesStatusSync.eventLag(metrics.informerEventLag())}): the time from the informer's
   * delivery of a workload change to its status written to the store, as the timer {@code
   * kubemin.informer.event.lag}.
   */
  public java.util.function.Consumer<java.time.Duration> informerEventLag() {
    Timer lag =
        Timer.builder("kubemin.informer.event.lag")
            .description("from an informer's delivery of a workload change to its status stored")
            .register(registry);
    return lag::record;
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

  /**
   * A store that times each of its calls: timer {@code kubemin.store.calls} tagged {@code
   * operation} (the method) and {@code outcome} ({@code success}, {@code error}), and counts the
   * conditional writes that matched no row ({@code kubemin.store.conditional_writes.lost}, tagged
   * {@code operation}): a worker fenced off its task, or a dispatcher that lost a claim race. Give
   * the result to the builder in place of the store; closing it closes the store.
   *
   * @throws NullPointerException when store is null
   */
  public DataStore instrument(DataStore store) {
    Objects.requireNonNull(store, "store must not be null");
    return MeteredCalls.wrap(DataStore.class, store, registry, "kubemin.store.calls", "store");
  }

  /**
   * A queue that times each of its calls: timer {@code kubemin.queue.calls} tagged {@code
   * operation} and {@code outcome}, and counts the messages read again after an earlier delivery
   * ({@code kubemin.queue.redeliveries}, tagged {@code operation}: {@code readGroup} or {@code
   * autoClaim}). Give the result to the builder in place of the queue.
   *
   * @throws NullPointerException when queue is null
   */
  public Queue instrument(Queue queue) {
    Objects.requireNonNull(queue, "queue must not be null");
    return MeteredCalls.wrap(Queue.class, queue, registry, "kubemin.queue.calls", "queue");
  }

  /**
   * Registers gauges {@code kubemin.tasks.active} tagged {@code status} ({@code waiting}, {@code
   * queued}, {@code running}, {@code suspended}): how many tasks are in each state, read from the
   * store at most once every five seconds and counted up to {@value #ACTIVE_GAUGE_CAP} (a gauge at
   * the cap means "at least"). While the store cannot tell, they report NaN.
   *
   * @return this, for chaining
   */
  public MicrometerMetrics bindStore(DataStore store) {
    Objects.requireNonNull(store, "store must not be null");
    for (TaskStatus status :
        List.of(TaskStatus.WAITING, TaskStatus.QUEUED, TaskStatus.RUNNING, TaskStatus.SUSPENDED)) {
      ActiveCount count = new ActiveCount(store, status);
      io.micrometer.core.instrument.Gauge.builder("kubemin.tasks.active", count, ActiveCount::read)
          .description("tasks in this state (capped at " + ACTIVE_GAUGE_CAP + ")")
          .tag("status", status.jsonName())
          .strongReference(true) // nothing else holds the count: a weak gauge reads NaN after a GC
          .register(registry);
    }
    return this;
  }

  /** The most tasks a {@code kubemin.tasks.active} gauge counts. */
  public static final int ACTIVE_GAUGE_CAP = 10_000;

  private static final class ActiveCount {
    private static final long REFRESH_NANOS = 5_000_000_000L;
    private final DataStore store;
    private final TaskStatus status;
    private long readAt;
    private double value = Double.NaN;

    ActiveCount(DataStore store, TaskStatus status) {
      this.store = store;
      this.status = status;
      this.readAt = System.nanoTime() - REFRESH_NANOS;
    }

    synchronized double read() {
      long now = System.nanoTime();
      if (now - readAt >= REFRESH_NANOS) {
        readAt = now;
        try {
          value = store.listTasksByStatus(status, ACTIVE_GAUGE_CAP).size();
        } catch (RuntimeException e) {
          value = Double.NaN;
        }
      }
      return value;
    }
  }
}
