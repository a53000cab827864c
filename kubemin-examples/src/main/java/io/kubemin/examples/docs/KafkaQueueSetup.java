package io.kubemin.examples.docs;

import io.kubemin.KubeMin;
import io.kubemin.queue.kafka.KafkaQueue;
import io.kubemin.queue.kafka.KafkaQueueSettings;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.JobExecutor;

/** docs/queue-kafka.md: an engine on a Kafka queue. */
public final class KafkaQueueSetup {
  private KafkaQueueSetup() {}

  /**
   * Builds an engine whose queue is the Kafka cluster at {@code uri}, for example {@code
   * kafka://kafka-1:9092,kafka-2:9092}.
   */
  public static KubeMin build(String uri, DataStore store, JobExecutor executor) {
    return KubeMin.builder()
        .queue(new KafkaQueue(KafkaQueueSettings.fromUri(uri)))
        .dataStore(store)
        .jobExecutor(executor)
        .build();
  }
}
