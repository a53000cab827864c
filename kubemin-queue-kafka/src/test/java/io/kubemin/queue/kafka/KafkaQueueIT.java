package io.kubemin.queue.kafka;

import io.kubemin.spi.Queue;
import io.kubemin.spi.QueueContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The queue contract against an in-JVM broker; redelivery happens through the rebalance. */
class KafkaQueueIT extends QueueContract {
  private static KafkaBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = KafkaBroker.start();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  @Override
  protected Queue newQueue() {
    return new KafkaQueue(broker.freshSettings().build());
  }

  @Override
  protected void consumerDies(Queue queue, String group, String consumer) {
    ((KafkaQueue) queue).closeConsumer(consumer);
  }

  @Override
  protected Duration redeliveryTimeout() {
    return Duration.ofSeconds(30);
  }
}
