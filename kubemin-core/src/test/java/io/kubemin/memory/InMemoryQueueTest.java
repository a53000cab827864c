package io.kubemin.memory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.spi.Queue;
import io.kubemin.spi.QueueContract;
import io.kubemin.spi.QueueMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryQueueTest extends QueueContract {
  @Override
  protected Queue newQueue() {
    return new InMemoryQueue();
  }

  @Test
  void deadLettersKeepTheReason() {
    queue.enqueue("app", "junk".getBytes(UTF_8));
    QueueMessage message = queue.readGroup(group, "c", 1, Duration.ofSeconds(1)).get(0);

    queue.deadLetter(group, message, "not a dispatch message");

    assertThat(((InMemoryQueue) queue).deadLetters())
        .singleElement()
        .satisfies(d -> assertThat(d.reason()).isEqualTo("not a dispatch message"));
  }
}
