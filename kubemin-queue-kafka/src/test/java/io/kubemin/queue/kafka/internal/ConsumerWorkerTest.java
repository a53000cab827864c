package io.kubemin.queue.kafka.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubemin.spi.QueueMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The poll thread against Kafka's mock consumer: buffering, pausing, committing, rebalancing. */
class ConsumerWorkerTest {
  private static final String TOPIC = "kubemin.workflow.dispatch";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

  private final PacedMockConsumer consumer = new PacedMockConsumer();
  private final DeliveryLedger ledger = new DeliveryLedger();
  private ConsumerWorker worker;

  @AfterEach
  void stop() {
    if (worker != null) {
      worker.stop(Duration.ofSeconds(5));
    }
  }

  private void start(int capacity, Duration grace, TopicPartition... assigned) {
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    worker = new ConsumerWorker("c1", TOPIC, consumer, ledger, capacity, grace);
    consumer.schedulePollTask(() -> consumer.rebalance(List.of(assigned)));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> consumer.assignment().size() == assigned.length);
  }

  private static ConsumerRecord<String, byte[]> record(TopicPartition partition, long offset) {
    return new ConsumerRecord<>(
        TOPIC, partition.partition(), offset, "app", ("m" + offset).getBytes(UTF_8));
  }

  private List<QueueMessage> take(int count) {
    List<QueueMessage> taken = new java.util.ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (taken.size() < count && System.nanoTime() < deadline) {
      taken.addAll(worker.take(count - taken.size(), Duration.ofMillis(200)));
    }
    return taken;
  }

  private void acknowledge(QueueMessage... messages) {
    for (QueueMessage message : messages) {
      worker.acknowledge(List.of(ledger.take(message.id()).record()));
    }
    worker.flush(Duration.ofSeconds(5));
  }

  private Long committed(TopicPartition partition) {
    return consumer.commits.get(partition);
  }

  @Test
  void aFullBufferPausesFetchingUntilReadersMakeRoom() {
    start(3, Duration.ZERO, P0);
    for (int offset = 0; offset < 5; offset++) {
      consumer.addRecord(record(P0, offset));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> consumer.paused().contains(P0));
    consumer.addRecord(record(P0, 5));

    assertThat(take(5))
        .extracting(QueueMessage::id)
        .containsExactly("0:0", "0:1", "0:2", "0:3", "0:4");
    await().atMost(Duration.ofSeconds(5)).until(() -> consumer.paused().isEmpty());
    assertThat(take(1)).extracting(QueueMessage::id).containsExactly("0:5");
  }

  @Test
  void offsetsAreCommittedOnlyUpToTheFirstUnacknowledgedRecord() {
    start(10, Duration.ZERO, P0);
    for (int offset = 0; offset < 3; offset++) {
      consumer.addRecord(record(P0, offset));
    }
    List<QueueMessage> taken = take(3);

    acknowledge(taken.get(1), taken.get(2));
    assertThat(committed(P0)).isNull();

    acknowledge(taken.get(0));
    assertThat(committed(P0)).isEqualTo(3L);
  }

  @Test
  void aPartitionMovingAwayWaitsWithinTheGraceForAcks() throws Exception {
    start(10, Duration.ofSeconds(10), P0, P1);
    consumer.addRecord(record(P0, 0));
    QueueMessage held = take(1).get(0);

    CountDownLatch revoking = new CountDownLatch(1);
    consumer.schedulePollTask(
        () -> {
          revoking.countDown();
          consumer.rebalance(List.of(P1));
        });
    assertThat(revoking.await(5, TimeUnit.SECONDS)).isTrue();
    ScheduledExecutorService late = Executors.newSingleThreadScheduledExecutor();
    try {
      late.schedule(() -> acknowledge(held), 300, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS);
    } finally {
      late.shutdownNow();
    }

    assertThat(committed(P0)).isEqualTo(1L);
    assertThat(ledger.pending()).isZero();
  }

  @Test
  void recordsOfAPartitionThatMovedAwayAreForgottenAndCountedAgainWhenBack() {
    start(10, Duration.ZERO, P0);
    consumer.addRecord(record(P0, 0));
    assertThat(take(1).get(0).deliveries()).isEqualTo(1);

    consumer.schedulePollTask(() -> consumer.rebalance(List.of(P1)));
    await().atMost(Duration.ofSeconds(5)).until(() -> ledger.pending() == 0);
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(P0));
          consumer.seek(P0, 0);
          consumer.addRecord(record(P0, 0));
        });

    assertThat(take(1)).singleElement().satisfies(m -> assertThat(m.deliveries()).isEqualTo(2));
  }

  @Test
  void aFailingPollStopsTheWorkerAndReportsWhy() {
    start(10, Duration.ZERO, P0);
    consumer.setPollException(new KafkaException("broker says no"));

    await().atMost(Duration.ofSeconds(5)).until(worker::hasStopped);
    assertThat(worker.failed())
        .hasMessageContaining("broker says no")
        .hasCauseInstanceOf(KafkaException.class);
    assertThat(worker.take(1, Duration.ofSeconds(5))).isEmpty();
  }

  /**
   * Waits a little on an empty poll, as a broker would, instead of spinning; remembers commits (the
   * mock reports 0 for partitions no longer assigned).
   */
  private static final class PacedMockConsumer extends MockConsumer<String, byte[]> {
    final Map<TopicPartition, Long> commits = new ConcurrentHashMap<>();

    PacedMockConsumer() {
      super("earliest");
    }

    @Override
    public synchronized void commitAsync(
        Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
      offsets.forEach((partition, offset) -> commits.put(partition, offset.offset()));
      super.commitAsync(offsets, callback);
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
      offsets.forEach((partition, offset) -> commits.put(partition, offset.offset()));
      super.commitSync(offsets, timeout);
    }

    @Override
    public synchronized ConsumerRecords<String, byte[]> poll(Duration timeout) {
      ConsumerRecords<String, byte[]> records = super.poll(timeout);
      if (records.isEmpty()) {
        LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
      }
      return records;
    }
  }
}
