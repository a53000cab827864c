package io.kubemin.spi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Queue} must have. Each implementation's test extends this class and
 * supplies a fresh queue whose destination no other test uses.
 */
public abstract class QueueContract {
  protected Queue queue;
  protected String group;

  /** A fresh queue on a destination of its own; closed after each test. */
  protected abstract Queue newQueue();

  /**
   * How long a message must stay unacknowledged before {@link Queue#autoClaim} may hand it to
   * another consumer in these tests.
   */
  protected Duration claimIdle() {
    return Duration.ofMillis(200);
  }

  /**
   * Makes {@code consumer} disappear without acknowledging what it read. Brokers that redeliver
   * through rebalancing close that consumer here; others need nothing.
   */
  protected void consumerDies(Queue queue, String group, String consumer) {}

  /** How long to wait for a redelivery in these tests. */
  protected Duration redeliveryTimeout() {
    return Duration.ofSeconds(10);
  }

  @BeforeEach
  void openQueue() {
    queue = newQueue();
    group = "group-" + UUID.randomUUID().toString().substring(0, 8);
    queue.ensureGroup(group);
  }

  @AfterEach
  void closeQueue() {
    if (queue != null) {
      queue.close();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  private List<QueueMessage> readAtLeast(String consumer, int count) {
    List<QueueMessage> read = new ArrayList<>();
    long deadline = System.nanoTime() + redeliveryTimeout().toNanos();
    while (read.size() < count && System.nanoTime() < deadline) {
      read.addAll(queue.readGroup(group, consumer, count - read.size(), Duration.ofMillis(500)));
    }
    return read;
  }

  @Test
  void enqueuedMessagesAreReadInOrderAndAcknowledged() {
    queue.enqueue("app-1", bytes("one"));
    queue.enqueue("app-1", bytes("two"));

    List<QueueMessage> read = readAtLeast("c1", 2);

    assertThat(read).extracting(m -> new String(m.payload(), UTF_8)).containsExactly("one", "two");
    assertThat(read).allSatisfy(m -> assertThat(m.deliveries()).isEqualTo(1));
    assertThat(queue.stats(group).pending()).isEqualTo(2);

    queue.ack(group, read.stream().map(QueueMessage::id).toList());

    assertThat(queue.stats(group).pending()).isZero();
    assertThat(queue.readGroup(group, "c1", 10, Duration.ofMillis(300))).isEmpty();
  }

  @Test
  void aReadWaitsForTheNextMessage() throws Exception {
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try {
      Future<List<QueueMessage>> pending = reader.submit(() -> readAtLeast("c1", 1));
      queue.enqueue("app-1", bytes("late"));

      List<QueueMessage> read = pending.get(15, TimeUnit.SECONDS);
      assertThat(read).extracting(m -> new String(m.payload(), UTF_8)).containsExactly("late");
    } finally {
      reader.shutdownNow();
    }
  }

  @Test
  void headersTravelWithTheirMessageAndAreKeptOnRedelivery() {
    String context = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    queue.enqueueAll(
        List.of(
            new OutgoingMessage("app-1", bytes("traced"), java.util.Map.of("traceparent", context)),
            new OutgoingMessage("app-1", bytes("plain"))));
    queue.enqueue("app-1", bytes("old"));

    List<QueueMessage> read = readAtLeast("doomed", 3);

    assertThat(read)
        .extracting(m -> new String(m.payload(), UTF_8))
        .containsExactly("traced", "plain", "old");
    assertThat(read.get(0).headers()).containsExactly(java.util.Map.entry("traceparent", context));
    assertThat(read.get(1).headers()).isEmpty();
    assertThat(read.get(2).headers()).isEmpty();

    consumerDies(queue, group, "doomed");
    List<QueueMessage> again = new ArrayList<>();
    await()
        .atMost(redeliveryTimeout())
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              again.addAll(queue.autoClaim(group, "rescuer", claimIdle(), 10));
              again.addAll(queue.readGroup(group, "rescuer", 10, Duration.ofMillis(100)));
              return again.stream().anyMatch(m -> new String(m.payload(), UTF_8).equals("traced"));
            });
    assertThat(again)
        .filteredOn(m -> new String(m.payload(), UTF_8).equals("traced"))
        .first()
        .satisfies(m -> assertThat(m.headers()).containsEntry("traceparent", context));
  }

  @Test
  void anEmptyReadReturnsAfterTheBlockTime() {
    assertThat(queue.readGroup(group, "c1", 5, Duration.ofMillis(200))).isEmpty();
  }

  @Test
  void unacknowledgedMessagesAreDeliveredAgainToAnotherConsumer() {
    queue.enqueue("app-1", bytes("task"));
    List<QueueMessage> first = readAtLeast("doomed", 1);
    assertThat(first).hasSize(1);

    consumerDies(queue, group, "doomed");

    List<QueueMessage> again = new ArrayList<>();
    await()
        .atMost(redeliveryTimeout())
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              again.addAll(queue.autoClaim(group, "rescuer", claimIdle(), 10));
              again.addAll(queue.readGroup(group, "rescuer", 10, Duration.ofMillis(100)));
              return !again.isEmpty();
            });

    assertThat(again).hasSize(1);
    assertThat(again.get(0).payload()).isEqualTo(first.get(0).payload());
    assertThat(again.get(0).deliveries()).isGreaterThanOrEqualTo(2);
    queue.ack(group, List.of(again.get(0).id()));
    assertThat(queue.stats(group).pending()).isZero();
  }

  @Test
  void concurrentConsumersNeverShareAPendingMessage() throws Exception {
    int messages = 200;
    for (int i = 0; i < messages; i++) {
      queue.enqueue("app-" + (i % 7), bytes("m" + i));
    }
    Set<String> seen = ConcurrentHashMap.newKeySet();
    AtomicInteger duplicates = new AtomicInteger();
    int consumers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(consumers);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < consumers; c++) {
        String consumer = "c" + c;
        running.add(
            pool.submit(
                () -> {
                  long deadline = System.nanoTime() + redeliveryTimeout().toNanos() * 3;
                  while (seen.size() < messages && System.nanoTime() < deadline) {
                    List<QueueMessage> read =
                        queue.readGroup(group, consumer, 10, Duration.ofMillis(200));
                    for (QueueMessage message : read) {
                      if (!seen.add(new String(message.payload(), UTF_8))) {
                        duplicates.incrementAndGet();
                      }
                    }
                    queue.ack(group, read.stream().map(QueueMessage::id).toList());
                  }
                }));
      }
      for (Future<?> future : running) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(duplicates).hasValue(0);
    assertThat(seen).hasSize(messages);
  }

  @Test
  void statsCountBacklogAndPending() {
    for (int i = 0; i < 3; i++) {
      queue.enqueue("app", bytes("m" + i));
    }
    List<QueueMessage> read = readAtLeast("c1", 1);
    queue.ack(group, List.of(read.get(0).id()));
    read.addAll(readAtLeast("c1", 2));

    QueueStats stats = queue.stats(group);
    assertThat(stats.pending()).isEqualTo(2);
    assertThat(stats.backlog()).isZero();
  }

  @Test
  void deadLetteredMessagesAreAcknowledgedAndCounted() {
    queue.enqueue("app", bytes("garbage"));
    QueueMessage message = readAtLeast("c1", 1).get(0);

    queue.deadLetter(group, message, "not a dispatch message");

    QueueStats stats = queue.stats(group);
    assertThat(stats.pending()).isZero();
    assertThat(stats.deadLettered()).isEqualTo(1);
    assertThat(queue.autoClaim(group, "c2", Duration.ZERO, 10)).isEmpty();
  }

  @Test
  void ensureGroupIsIdempotentAndKeepsUnreadMessages() {
    queue.enqueue("app", bytes("kept"));
    queue.ensureGroup(group);

    assertThat(readAtLeast("c1", 1))
        .extracting(m -> new String(m.payload(), UTF_8))
        .containsExactly("kept");
  }

  @Test
  void acknowledgingUnknownIdsIsHarmless() {
    queue.ack(group, List.of("0-1", "unknown"));
    assertThat(queue.stats(group).pending()).isZero();
  }
}
