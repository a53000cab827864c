package io.kubemin.queue.kafka;

import java.util.UUID;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A one-node KRaft broker inside the test JVM, tuned so that consumer groups rebalance within
 * seconds. Start one per test class.
 */
public final class KafkaBroker {
  private final KafkaClusterTestKit cluster;

  private KafkaBroker(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  public static KafkaBroker start() throws Exception {
    KafkaClusterTestKit cluster =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("offsets.topic.num.partitions", "1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("group.min.session.timeout.ms", "2000")
            .build();
    try {
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
    return new KafkaBroker(cluster);
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /** Settings on topics and a group no other test uses, with short group timeouts. */
  public KafkaQueueSettings.Builder freshSettings() {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    return KafkaQueueSettings.builder()
        .bootstrapServers(bootstrapServers())
        .topicPrefix("test-" + unique)
        .groupId("workers-" + unique)
        .partitions(3)
        .replication(1)
        .clientProperty("session.timeout.ms", "4000")
        .clientProperty("heartbeat.interval.ms", "300");
  }

  public void close() throws Exception {
    cluster.close();
  }
}
