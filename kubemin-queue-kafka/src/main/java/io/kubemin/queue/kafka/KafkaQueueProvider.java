package io.kubemin.queue.kafka;

import io.kubemin.spi.Queue;
import io.kubemin.spi.QueueProvider;
import java.util.Map;

/**
 * Provider of type {@code kafka}: {@code kafka://host:port[,host:port]?prefix=…&group=…}, settings
 * as {@link KafkaQueueSettings#fromSettings(Map)} reads them.
 */
public final class KafkaQueueProvider implements QueueProvider {
  @Override
  public String type() {
    return "kafka";
  }

  @Override
  public Queue create(Map<String, String> settings) {
    return new KafkaQueue(KafkaQueueSettings.fromSettings(settings));
  }
}
