package io.kubemin.queue.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemin.queue.kafka.KafkaQueueSettings.OffsetReset;
import io.kubemin.spi.QueueMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Kafka-specific delivery rules beyond the queue contract. */
class KafkaQueueDeliveryIT {
  private static final String GROUP = "workers";
  private static KafkaBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = KafkaBroker.start();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  private static List<String> texts(List<QueueMessage> messages) {
    return messages.stream().map(m -> new String(m.payload(), UTF_8)).toList();
  }

  private static List<QueueMessage> read(KafkaQueue queue, String consumer, int count) {
    List<QueueMessage> read = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (read.size() < count && System.nanoTime() < deadline) {
      read.addAll(queue.readGroup(GROUP, consumer, count - read.size(), Duration.ofMillis(500)));
    }
    return read;
  }

  @Test
  void anAcknowledgedRecordAfterAnUnacknowledgedOneIsNotCommittedPastIt() {
    KafkaQueueSettings settings = broker.freshSettings().build();
    try (KafkaQueue queue = new KafkaQueue(settings)) {
      queue.ensureGroup(GROUP);
      for (String text : List.of("first", "second", "third")) {
        queue.enqueue("app-1", bytes(text));
      }
      List<QueueMessage> read = read(queue, "c1", 3);
      queue.ack(GROUP, List.of(read.get(1).id(), read.get(2).id()));

      queue.closeConsumer("c1");
      List<QueueMessage> again = read(queue, "c2", 3);

      assertThat(texts(again)).containsExactly("first", "second", "third");
      assertThat(again.get(0).deliveries()).isEqualTo(2);
      queue.ack(GROUP, again.stream().map(QueueMessage::id).toList());
      assertThat(queue.stats(GROUP)).satisfies(s -> assertThat(s.backlog()).isZero());
    }
  }

  @Test
  void oneKeyStaysOnOnePartitionInOrder() {
    try (KafkaQueue queue = new KafkaQueue(broker.freshSettings().build())) {
      queue.ensureGroup(GROUP);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        ids.add(queue.enqueue("app-7", bytes("m" + i)));
      }
      assertThat(ids).extracting(id -> id.substring(0, id.indexOf(':'))).containsOnly(partOf(ids));
      assertThat(texts(read(queue, "c1", 10)))
          .containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
    }
  }

  private static String partOf(List<String> ids) {
    return ids.get(0).substring(0, ids.get(0).indexOf(':'));
  }

  @Test
  void aFullBufferPausesFetchingAndLosesNothing() {
    KafkaQueueSettings settings = broker.freshSettings().bufferCapacity(3).build();
    try (KafkaQueue queue = new KafkaQueue(settings)) {
      queue.ensureGroup(GROUP);
      List<String> sent = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        sent.add("m" + i);
        queue.enqueue("app-1", bytes("m" + i));
      }
      List<QueueMessage> received = new ArrayList<>();
      while (received.size() < sent.size()) {
        List<QueueMessage> batch = read(queue, "c1", 2);
        assertThat(batch).isNotEmpty();
        received.addAll(batch);
        queue.ack(GROUP, batch.stream().map(QueueMessage::id).toList());
      }
      assertThat(texts(received)).containsExactlyElementsOf(sent);
      assertThat(received).allSatisfy(m -> assertThat(m.deliveries()).isEqualTo(1));
      assertThat(queue.stats(GROUP).backlog()).isZero();
    }
  }

  @Test
  void deadLettersGoToTheDeadTopicWithTheReason() {
    KafkaQueueSettings settings = broker.freshSettings().build();
    try (KafkaQueue queue = new KafkaQueue(settings);
        KafkaConsumer<String, byte[]> dead = rawConsumer()) {
      queue.ensureGroup(GROUP);
      queue.enqueue("app-3", bytes("garbage"));
      QueueMessage message = read(queue, "c1", 1).get(0);

      queue.deadLetter(GROUP, message, "not a dispatch message");

      dead.subscribe(List.of(settings.deadLetterTopic()));
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (records.isEmpty() && System.nanoTime() < deadline) {
        dead.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      assertThat(records).singleElement().satisfies(r -> assertDeadLetter(r, message, settings));
      assertThat(queue.stats(GROUP).deadLettered()).isEqualTo(1);
    }
  }

  private static void assertDeadLetter(
      ConsumerRecord<String, byte[]> record, QueueMessage message, KafkaQueueSettings settings) {
    assertThat(record.key()).isEqualTo("app-3");
    assertThat(record.value()).isEqualTo(bytes("garbage"));
    assertThat(new String(record.headers().lastHeader(KafkaQueue.REASON_HEADER).value(), UTF_8))
        .isEqualTo("not a dispatch message");
    assertThat(new String(record.headers().lastHeader(KafkaQueue.SOURCE_HEADER).value(), UTF_8))
        .isEqualTo(settings.dispatchTopic() + ":" + message.id());
  }

  private static KafkaConsumer<String, byte[]> rawConsumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }

  @Test
  void withLatestTheGroupStartsWhereEnsureGroupFoundTheTopic() {
    KafkaQueueSettings earlier = broker.freshSettings().build();
    try (KafkaQueue old = new KafkaQueue(earlier)) {
      old.ensureGroup(GROUP);
      old.enqueue("app-1", bytes("before the group"));
    }
    KafkaQueueSettings latest =
        earlier.toBuilder()
            .groupId(earlier.groupId() + "-late")
            .offsetReset(OffsetReset.LATEST)
            .build();
    try (KafkaQueue queue = new KafkaQueue(latest)) {
      queue.ensureGroup(GROUP);
      queue.enqueue("app-1", bytes("after ensureGroup, before the first read"));

      assertThat(texts(read(queue, "c1", 1)))
          .containsExactly("after ensureGroup, before the first read");
      assertThat(queue.readGroup(GROUP, "c1", 5, Duration.ofMillis(300))).isEmpty();
    }
  }

  @Test
  void anInterruptedReadReturnsAtOnceWithTheFlagSet() throws Exception {
    try (KafkaQueue queue = new KafkaQueue(broker.freshSettings().build())) {
      queue.ensureGroup(GROUP);
      CompletableFuture<Boolean> flagAfterRead = new CompletableFuture<>();
      Thread reader =
          new Thread(
              () -> {
                List<QueueMessage> read = queue.readGroup(GROUP, "c1", 5, Duration.ofMinutes(5));
                flagAfterRead.complete(read.isEmpty() && Thread.currentThread().isInterrupted());
              });
      reader.start();
      reader.interrupt();

      assertThat(flagAfterRead.get(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aQueueServesOneGroup() {
    KafkaQueueSettings settings = broker.freshSettings().build();
    try (KafkaQueue queue = new KafkaQueue(settings)) {
      queue.ensureGroup(GROUP);
      assertThatThrownBy(() -> queue.ensureGroup("other"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + GROUP + "'")
          .hasMessageContaining(settings.groupId());
    }
  }
}
