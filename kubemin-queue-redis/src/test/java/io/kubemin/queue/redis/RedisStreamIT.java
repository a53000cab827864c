package io.kubemin.queue.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kubemin.spi.DispatchMessage;
import io.kubemin.spi.Providers;
import io.kubemin.spi.Queue;
import io.kubemin.spi.QueueException;
import io.kubemin.spi.QueueMessage;
import io.kubemin.spi.QueueStats;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the Redis queue does beyond the contract: the stream layout, trimming and recovery. */
class RedisStreamIT {
  private static final String GROUP = "workflow-workers";
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    Collections.reverse(opened);
    for (AutoCloseable closeable : opened) {
      closeable.close();
    }
  }

  private TestRedis redis(RedisQueueSettings.Builder settings) {
    TestRedis redis = TestRedis.open(settings);
    opened.add(redis);
    return redis;
  }

  private RedisQueue queue(TestRedis redis) {
    RedisQueue queue = redis.newQueue();
    opened.add(queue);
    return queue;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  private static List<QueueMessage> readAll(Queue queue, String consumer, int count) {
    List<QueueMessage> read = new ArrayList<>();
    for (int i = 0; i < 20 && read.size() < count; i++) {
      read.addAll(queue.readGroup(GROUP, consumer, count - read.size(), Duration.ofMillis(500)));
    }
    return read;
  }

  @Test
  void messagesGoToTheDispatchStreamInFieldP() {
    TestRedis redis = redis(RedisQueueSettings.builder());
    RedisQueue queue = queue(redis);

    String id = queue.enqueue("app", new DispatchMessage("task1", 1).encode());

    List<StreamMessage<String, String>> entries =
        redis.redis().xrange(redis.settings().prefix() + ".workflow.dispatch", Range.unbounded());
    assertThat(entries).singleElement().satisfies(e -> assertThat(e.getId()).isEqualTo(id));
    assertThat(entries.get(0).getBody())
        .containsExactly(Map.entry("p", "{\"task_id\":\"task1\",\"attempt\":1}"));
  }

  @Test
  void streamIsTrimmedApproximatelyToMaxlen() {
    TestRedis redis = redis(RedisQueueSettings.builder().maxlen(100));
    RedisQueue queue = queue(redis);

    for (int i = 0; i < 1000; i++) {
      queue.enqueue("app", bytes("m" + i));
    }

    // Approximate trimming drops whole stream nodes (100 entries each by default): at least
    // maxlen entries stay, at most one node more.
    assertThat(redis.redis().xlen(redis.settings().streamKey())).isBetween(100L, 200L);
  }

  @Test
  void maxlenZeroKeepsEveryEntry() {
    TestRedis redis = redis(RedisQueueSettings.builder().maxlen(0));
    RedisQueue queue = queue(redis);

    for (int i = 0; i < 300; i++) {
      queue.enqueue("app", bytes("m" + i));
    }

    assertThat(redis.redis().xlen(redis.settings().streamKey())).isEqualTo(300);
  }

  @Test
  void aGroupCreatedLaterSeesEntriesAddedBeforeIt() {
    RedisQueue queue = queue(redis(RedisQueueSettings.builder()));
    queue.enqueue("app", bytes("early-1"));
    queue.enqueue("app", bytes("early-2"));

    queue.ensureGroup(GROUP);

    assertThat(readAll(queue, "c1", 2))
        .extracting(m -> new String(m.payload(), UTF_8))
        .containsExactly("early-1", "early-2");
  }

  @Test
  void readsCarryOnAfterTheStreamIsDeleted() {
    TestRedis redis = redis(RedisQueueSettings.builder());
    RedisQueue queue = queue(redis);
    queue.ensureGroup(GROUP);
    queue.enqueue("app", bytes("before"));
    assertThat(readAll(queue, "c1", 1)).hasSize(1);

    redis.deleteKeys();

    assertThat(queue.readGroup(GROUP, "c1", 10, Duration.ofMillis(50))).isEmpty();
    queue.enqueue("app", bytes("after"));
    assertThat(readAll(queue, "c1", 1))
        .extracting(m -> new String(m.payload(), UTF_8))
        .containsExactly("after");
  }

  @Test
  void claimsAndStatsCarryOnAfterTheStreamIsDeleted() {
    TestRedis redis = redis(RedisQueueSettings.builder());
    RedisQueue queue = queue(redis);
    queue.ensureGroup(GROUP);

    redis.deleteKeys();
    assertThat(queue.autoClaim(GROUP, "c1", Duration.ZERO, 10)).isEmpty();
    redis.deleteKeys();
    assertThat(queue.stats(GROUP)).isEqualTo(new QueueStats(0, 0, 0));
    queue.enqueue("app", bytes("after"));

    assertThat(readAll(queue, "c1", 1)).hasSize(1);
  }

  @Test
  void poisonPayloadsAreDeadLetteredWithTheReason() {
    TestRedis redis = redis(RedisQueueSettings.builder());
    RedisQueue queue = queue(redis);
    queue.ensureGroup(GROUP);
    queue.enqueue("app", bytes("{not json"));
    QueueMessage poison = readAll(queue, "c1", 1).get(0);
    String reason =
        assertThatThrownBy(() -> DispatchMessage.decode(poison.payload()))
            .isInstanceOf(IllegalArgumentException.class)
            .actual()
            .getMessage();

    queue.deadLetter(GROUP, poison, reason);

    List<StreamMessage<String, String>> dead =
        redis.redis().xrange(redis.settings().deadLetterKey(), Range.unbounded());
    assertThat(dead).singleElement();
    assertThat(dead.get(0).getBody())
        .containsEntry("p", "{not json")
        .containsEntry("reason", "not a dispatch message: {not json")
        .containsEntry("group", GROUP)
        .containsEntry("id", poison.id())
        .containsEntry("deliveries", "1");
    assertThat(queue.stats(GROUP)).isEqualTo(new QueueStats(0, 0, 1));
  }

  @Test
  void everyClaimCountsAnotherDelivery() {
    RedisQueue queue = queue(redis(RedisQueueSettings.builder()));
    queue.ensureGroup(GROUP);
    queue.enqueue("app", bytes("stuck"));
    assertThat(readAll(queue, "dies", 1)).extracting(QueueMessage::deliveries).containsExactly(1);

    assertThat(queue.autoClaim(GROUP, "rescuer-1", Duration.ZERO, 10))
        .extracting(QueueMessage::deliveries)
        .containsExactly(2);
    assertThat(queue.autoClaim(GROUP, "rescuer-2", Duration.ZERO, 10))
        .extracting(QueueMessage::deliveries)
        .containsExactly(3);
  }

  @Test
  void claimSkipsMessagesNotIdleLongEnough() {
    RedisQueue queue = queue(redis(RedisQueueSettings.builder()));
    queue.ensureGroup(GROUP);
    queue.enqueue("app", bytes("busy"));
    readAll(queue, "worker", 1);

    assertThat(queue.autoClaim(GROUP, "rescuer", Duration.ofMinutes(5), 10)).isEmpty();
  }

  @Test
  void claimTakesAtMostMaxAndThenTheRest() {
    RedisQueue queue = queue(redis(RedisQueueSettings.builder()));
    queue.ensureGroup(GROUP);
    for (int i = 0; i < 25; i++) {
      queue.enqueue("app", bytes("m" + i));
    }
    assertThat(readAll(queue, "dies", 25)).hasSize(25);

    List<QueueMessage> first = queue.autoClaim(GROUP, "rescuer", Duration.ZERO, 10);
    List<QueueMessage> all = queue.autoClaim(GROUP, "rescuer", Duration.ZERO, 100);

    assertThat(first).hasSize(10);
    assertThat(all).hasSize(25);
  }

  @Test
  void trimmedPendingEntriesAreDroppedByClaims() {
    TestRedis redis = redis(RedisQueueSettings.builder());
    RedisQueue queue = queue(redis);
    queue.ensureGroup(GROUP);
    queue.enqueue("app", bytes("will be trimmed"));
    queue.enqueue("app", bytes("kept"));
    assertThat(readAll(queue, "dies", 2)).hasSize(2);

    redis.redis().xtrim(redis.settings().streamKey(), 1);

    assertThat(queue.autoClaim(GROUP, "rescuer", Duration.ZERO, 10))
        .extracting(m -> new String(m.payload(), UTF_8))
        .containsExactly("kept");
    assertThat(queue.stats(GROUP).pending()).isEqualTo(1);
  }

  @Test
  void statsCountTheBacklogNotYetDelivered() {
    RedisQueue queue = queue(redis(RedisQueueSettings.builder()));
    queue.ensureGroup(GROUP);
    for (int i = 0; i < 5; i++) {
      queue.enqueue("app", bytes("m" + i));
    }
    assertThat(queue.stats(GROUP)).isEqualTo(new QueueStats(5, 0, 0));

    readAll(queue, "c1", 2);

    assertThat(queue.stats(GROUP)).isEqualTo(new QueueStats(3, 2, 0));
  }

  @Test
  void statsCreateAMissingGroupAtTheStart() {
    RedisQueue queue = queue(redis(RedisQueueSettings.builder()));
    queue.enqueue("app", bytes("m"));

    assertThat(queue.stats("late-group")).isEqualTo(new QueueStats(1, 0, 0));
  }

  @Test
  void anInterruptedReadReturnsAtOnceWithTheFlagSet() throws Exception {
    TestRedis redis = redis(RedisQueueSettings.builder());
    RedisQueue queue = queue(redis);
    queue.ensureGroup(GROUP);
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try {
      Future<Boolean> interrupted =
          reader.submit(
              () -> {
                Thread.currentThread().interrupt();
                List<QueueMessage> read = queue.readGroup(GROUP, "c1", 1, Duration.ofMinutes(5));
                return read.isEmpty() && Thread.interrupted();
              });
      assertThat(interrupted.get(10, TimeUnit.SECONDS)).isTrue();

      Future<List<QueueMessage>> blocked =
          reader.submit(() -> queue.readGroup(GROUP, "c1", 1, Duration.ofMinutes(5)));
      awaitBlockedRead(redis);
      reader.shutdownNow();

      assertThat(blocked.get(10, TimeUnit.SECONDS)).isEmpty();
      queue.enqueue("app", bytes("next"));
      assertThat(readAll(queue, "c2", 1)).hasSize(1);
    } finally {
      reader.shutdownNow();
    }
  }

  @Test
  void aBlockedReadDoesNotHoldUpOtherCommands() throws Exception {
    TestRedis redis = redis(RedisQueueSettings.builder());
    RedisQueue queue = queue(redis);
    queue.ensureGroup(GROUP);
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try {
      Future<List<QueueMessage>> blocked =
          reader.submit(() -> queue.readGroup(GROUP, "c1", 1, Duration.ofMinutes(5)));
      awaitBlockedRead(redis);

      queue.enqueue("app", bytes("wakes the reader"));
      assertThat(queue.stats(GROUP).backlog()).isLessThanOrEqualTo(1);

      assertThat(blocked.get(10, TimeUnit.SECONDS)).hasSize(1);
    } finally {
      reader.shutdownNow();
    }
  }

  @Test
  void theProviderOpensARedisQueueFromAUri() {
    TestRedis redis = redis(RedisQueueSettings.builder());
    try (Queue queue =
        Providers.openQueue("redis://127.0.0.1:6379/0?prefix=" + redis.settings().prefix())) {
      assertThat(queue).isInstanceOf(RedisQueue.class);
      queue.ensureGroup(GROUP);
      queue.enqueue("app", bytes("via provider"));
      assertThat(readAll(queue, "c1", 1)).hasSize(1);
    }
  }

  @Test
  void anUnreachableServerIsAQueueException() {
    RedisQueueSettings nowhere =
        RedisQueueSettings.builder().port(1).commandTimeout(Duration.ofSeconds(1)).build();

    assertThatThrownBy(() -> new RedisQueue(nowhere))
        .isInstanceOf(QueueException.class)
        .hasMessageContaining("127.0.0.1:1");
  }

  /** Waits until Redis reports one of the queue's connections blocked in XREADGROUP. */
  private static void awaitBlockedRead(TestRedis redis) {
    String name = "name=kubemin:" + redis.settings().prefix() + " ";
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(10))
        .until(
            () ->
                redis
                    .redis()
                    .clientList()
                    .lines()
                    .anyMatch(l -> l.contains(name) && l.contains("flags=b")));
  }
}
