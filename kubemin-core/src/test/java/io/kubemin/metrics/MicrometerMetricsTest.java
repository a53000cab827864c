package io.kubemin.metrics;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemin.memory.InMemoryQueue;
import io.kubemin.spi.Queue;
import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.TaskStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MicrometerMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MicrometerMetrics metrics = new MicrometerMetrics(registry);

  @Test
  void queueGaugesShowTheBacklogAndPendingOfTheGroup() {
    try (InMemoryQueue queue = new InMemoryQueue()) {
      queue.ensureGroup("workers");
      queue.enqueue("a", "t1".getBytes(UTF_8));
      queue.enqueue("a", "t2".getBytes(UTF_8));
      queue.enqueue("b", "t3".getBytes(UTF_8));
      queue.readGroup("workers", "c1", 1, Duration.ZERO);

      metrics.bindQueue(queue, "workers");

      assertThat(gauge("kubemin.queue.backlog", "workers")).isEqualTo(2);
      assertThat(gauge("kubemin.queue.pending", "workers")).isEqualTo(1);
      assertThat(gauge("kubemin.queue.dead_lettered", "workers")).isZero();
    }
  }

  @Test
  void aQueueThatCannotTellReadsAsNaNWithoutThrowing() {
    metrics.bindQueue(failingQueue(new AtomicInteger()), "workers");

    assertThat(gauge("kubemin.queue.backlog", "workers")).isNaN();
    assertThat(gauge("kubemin.queue.pending", "workers")).isNaN();
    assertThat(gauge("kubemin.queue.dead_lettered", "workers")).isNaN();
  }

  @Test
  void statsAreReadAtMostOncePerSecondEvenWhileTheyFail() {
    AtomicInteger reads = new AtomicInteger();
    AtomicLong nanos = new AtomicLong();
    CachedQueueStats stats = new CachedQueueStats(failingQueue(reads), "workers", nanos::get);

    stats.backlog();
    stats.pending();
    nanos.addAndGet(CachedQueueStats.MAX_AGE.toNanos() - 1);
    stats.deadLettered();
    assertThat(reads).hasValue(1);

    nanos.incrementAndGet();
    stats.backlog();
    assertThat(reads).hasValue(2);
  }

  @Test
  void aTaskStartedAgainAfterItsAttemptWasTakenBackCountsAsResumed() {
    metrics.taskStarted(started(1));
    metrics.taskStarted(started(2));
    metrics.taskStarted(started(3));

    assertThat(registry.get("kubemin.tasks.resumed").counter().count()).isEqualTo(2);
  }

  @Test
  void aNullRegistryOrQueueIsRefusedByName() {
    assertThatThrownBy(() -> new MicrometerMetrics(null)).hasMessageContaining("registry");
    assertThatThrownBy(() -> metrics.bindQueue(null)).hasMessageContaining("queue");
  }

  private double gauge(String name, String group) {
    return registry.get(name).tag("group", group).gauge().value();
  }

  private static TaskEvent started(int attempt) {
    return new TaskEvent(
        "t", "a", "w", TaskStatus.RUNNING, attempt, 0, 0, null, Duration.ZERO, Instant.EPOCH);
  }

  /** A queue whose broker is down: every call throws, and stats calls are counted. */
  private static Queue failingQueue(AtomicInteger statsCalls) {
    return (Queue)
        Proxy.newProxyInstance(
            Queue.class.getClassLoader(),
            new Class<?>[] {Queue.class},
            (proxy, method, args) -> {
              if (method.getName().equals("stats")) {
                statsCalls.incrementAndGet();
              }
              throw new IllegalStateException("broker down");
            });
  }
}
