package io.kubemin.queue.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.queue.kafka.KafkaQueueSettings;
import io.kubemin.queue.kafka.KafkaQueueSettings.OffsetReset;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {
  private final KafkaClients clients =
      new KafkaClients(
          KafkaQueueSettings.builder()
              .bootstrapServers("b1:9092,b2:9092")
              .groupId("team-a-workers")
              .offsetReset(OffsetReset.LATEST)
              .clientProperty("security.protocol", "SASL_SSL")
              .clientProperty("max.poll.interval.ms", "600000")
              .clientProperty("linger.ms", "20")
              .clientProperty("client.id", "billing")
              .build());

  @Test
  void theConsumerJoinsTheConfiguredGroupAndCommitsByHand() {
    assertThat(clients.consumerConfig("worker-1"))
        .containsEntry("bootstrap.servers", "b1:9092,b2:9092")
        .containsEntry("group.id", "team-a-workers")
        .containsEntry("enable.auto.commit", false)
        .containsEntry("auto.offset.reset", "latest")
        .containsEntry("client.id", "billing-consumer-worker-1")
        .containsEntry("max.poll.interval.ms", "600000")
        .doesNotContainKey("linger.ms");
  }

  @Test
  void eachClientGetsThePropertiesItKnows() {
    assertThat(clients.producerConfig())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("linger.ms", "20")
        .containsEntry("acks", "all")
        .doesNotContainKey("max.poll.interval.ms");
    assertThat(clients.adminConfig())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("client.id", "billing-admin")
        .doesNotContainKey("linger.ms");
  }
}
