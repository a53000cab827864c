package io.kubemin.queue.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.spi.Providers;
import io.kubemin.spi.Queue;
import org.junit.jupiter.api.Test;

class KafkaQueueProviderTest {
  @Test
  void aKafkaUriOpensAKafkaQueueThroughTheServiceLoader() {
    assertThat(Providers.queueProvider("kafka")).isInstanceOf(KafkaQueueProvider.class);

    // Creating the clients does not connect, so no broker is needed here.
    try (Queue queue = Providers.openQueue("kafka://127.0.0.1:1?prefix=ci&group=ci-workers")) {
      assertThat(queue).isInstanceOf(KafkaQueue.class);
      KafkaQueueSettings settings = ((KafkaQueue) queue).settings();
      assertThat(settings.dispatchTopic()).isEqualTo("ci.workflow.dispatch");
      assertThat(settings.groupId()).isEqualTo("ci-workers");
    }
  }
}
