package io.kubemin.queue.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kubemin.spi.QueueException;
import io.kubemin.spi.QueueMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Redis that goes away and comes back empty, as after a restart without persistence. */
class RedisRestartIT {
  private static final String GROUP = "workflow-workers";

  @Test
  void operationsFailWhileRedisIsDownAndRecoverWhenItIsBack() throws Exception {
    try (PrivateRedis server = PrivateRedis.start();
        RedisQueue queue =
            new RedisQueue(
                RedisQueueSettings.builder()
                    .port(server.port())
                    .commandTimeout(Duration.ofSeconds(1))
                    .build())) {
      queue.ensureGroup(GROUP);
      queue.enqueue("app", "before".getBytes(UTF_8));
      assertThat(read(queue)).hasSize(1);

      server.stop();

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThatThrownBy(() -> queue.readGroup(GROUP, "c1", 1, Duration.ofMillis(10)))
                      .isInstanceOf(QueueException.class));
      assertThatThrownBy(() -> queue.enqueue("app", new byte[1]))
          .isInstanceOf(QueueException.class)
          .hasMessageContaining("127.0.0.1:" + server.port());

      server.restart();

      await()
          .atMost(Duration.ofSeconds(15))
          .ignoreExceptionsInstanceOf(QueueException.class)
          .until(() -> !queue.enqueue("app", "after".getBytes(UTF_8)).isEmpty());
      List<QueueMessage> after = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(15))
          .ignoreExceptionsInstanceOf(QueueException.class)
          .until(() -> after.addAll(read(queue)));
      assertThat(after).extracting(m -> new String(m.payload(), UTF_8)).containsExactly("after");
    }
  }

  private static List<QueueMessage> read(RedisQueue queue) {
    return queue.readGroup(GROUP, "c1", 10, Duration.ofMillis(500));
  }
}
