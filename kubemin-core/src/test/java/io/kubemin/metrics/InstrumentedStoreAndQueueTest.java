package io.kubemin.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemin.KubeMin;
import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.memory.InMemoryQueue;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.Queue;
import io.kubemin.spi.QueueMessage;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.workflow.TaskStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The store and queue meters an operator reads to see where time and failures go. */
class InstrumentedStoreAndQueueTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MicrometerMetrics metrics = new MicrometerMetrics(registry);

  @Test
  void aDeployThroughAnInstrumentedStoreAndQueueIsTimedByOperation() throws InterruptedException {
    try (DataStore store = metrics.instrument(new InMemoryDataStore());
        Queue queue = metrics.instrument(new InMemoryQueue());
        KubeMin kubemin =
            KubeMin.builder()
                .dataStore(store)
                .queue(queue)
                .listener(metrics.bindStore(store))
                .jobExecutor(new RecordingJobExecutor())
                .build()) {
      kubemin.start();
      Application app =
          Application.builder()
              .name("shop")
              .components(
                  List.of(
                      Component.builder().name("web").type("webservice").image("nginx").build()))
              .build();
      String taskId = kubemin.exec(kubemin.createApplication(app).id());
      assertThat(kubemin.awaitTask(taskId, Duration.ofSeconds(30)).status())
          .isEqualTo(TaskStatus.COMPLETED);

      assertThat(registry.find("kubemin.store.calls").tag("outcome", "success").timers())
          .isNotEmpty()
          .allMatch(t -> t.count() > 0);
      assertThat(registry.find("kubemin.queue.calls").tag("operation", "ack").timer().count())
          .isPositive();
      assertThat(registry.get("kubemin.tasks.active").tag("status", "running").gauge().value())
          .isZero();
      assertThat(registry.get("kubemin.tasks.active").tag("status", "suspended").gauge().value())
          .as("tasks waiting at an approval gate")
          .isZero();
    }
  }

  @Test
  void aFailingCallIsCountedAsAnErrorAndStillThrows() {
    DataStore closed = new InMemoryDataStore();
    DataStore store = metrics.instrument(closed);

    assertThatThrownBy(() -> store.listTasksByStatus(TaskStatus.WAITING, -1))
        .isInstanceOf(RuntimeException.class);
    assertThat(
            registry
                .get("kubemin.store.calls")
                .tag("operation", "listTasksByStatus")
                .tag("outcome", "error")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void aLostCompareAndSetIsCounted() {
    DataStore store = metrics.instrument(new InMemoryDataStore());

    boolean matched = store.compareAndSet("no-such-task", TaskStatus.WAITING, 1, null);

    assertThat(matched).isFalse();
    assertThat(
            registry
                .get("kubemin.store.conditional_writes.lost")
                .tag("operation", "compareAndSet")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void aMessageReadAgainIsCountedAsARedelivery() throws Exception {
    try (Queue queue = metrics.instrument(new InMemoryQueue())) {
      queue.ensureGroup("g");
      queue.enqueue("app", "payload".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      List<QueueMessage> first = queue.readGroup("g", "c1", 10, Duration.ofMillis(10));
      assertThat(first).hasSize(1);
      List<QueueMessage> again = queue.autoClaim("g", "c2", Duration.ZERO, 10);

      assertThat(again).hasSize(1);
      assertThat(
              registry
                  .get("kubemin.queue.redeliveries")
                  .tag("operation", "autoClaim")
                  .counter()
                  .count())
          .isEqualTo(1);
    }
  }
}
