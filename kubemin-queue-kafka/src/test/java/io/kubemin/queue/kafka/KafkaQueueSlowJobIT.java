package io.kubemin.queue.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.spi.QueueMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A task that runs longer than {@code max.poll.interval.ms} keeps its record: the poll thread goes
 * on polling while the record is held, so the member is not evicted and nothing is redelivered.
 */
class KafkaQueueSlowJobIT {
  private static final long MAX_POLL_INTERVAL_MS = 3_000;
  private static KafkaBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = KafkaBroker.start();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  @Test
  void aJobLongerThanTheMaxPollIntervalCompletesWithoutRedelivery() throws Exception {
    KafkaQueueSettings settings =
        broker
            .freshSettings()
            .clientProperty("max.poll.interval.ms", Long.toString(MAX_POLL_INTERVAL_MS))
            .build();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try (KafkaQueue queue = new KafkaQueue(settings)) {
      queue.ensureGroup("workers");
      queue.enqueue("app-1", "slow job".getBytes(UTF_8));
      QueueMessage job = readOne(queue);

      CountDownLatch jobFinished = new CountDownLatch(1);
      timer.schedule(jobFinished::countDown, MAX_POLL_INTERVAL_MS * 3 / 2, TimeUnit.MILLISECONDS);
      queue.enqueue("app-1", "arrived during the job".getBytes(UTF_8));
      assertThat(jobFinished.await(30, TimeUnit.SECONDS)).isTrue();

      assertThat(queue.stats("workers").pending()).as("record still held").isEqualTo(1);
      queue.ack("workers", List.of(job.id()));

      List<QueueMessage> after = new ArrayList<>();
      after.addAll(queue.readGroup("workers", "worker-1", 10, Duration.ofSeconds(5)));
      after.addAll(queue.readGroup("workers", "worker-1", 10, Duration.ofMillis(500)));
      assertThat(after)
          .extracting(m -> new String(m.payload(), UTF_8), QueueMessage::deliveries)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("arrived during the job", 1));
      queue.ack("workers", after.stream().map(QueueMessage::id).toList());
      assertThat(queue.stats("workers").backlog()).isZero();
    } finally {
      timer.shutdownNow();
    }
  }

  private static QueueMessage readOne(KafkaQueue queue) {
    List<QueueMessage> read = queue.readGroup("workers", "worker-1", 1, Duration.ofSeconds(20));
    assertThat(read).hasSize(1);
    return read.get(0);
  }
}
