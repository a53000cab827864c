package io.kubemin.queue.kafka.internal;

import io.kubemin.queue.kafka.KafkaQueueSettings;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Creates the Kafka clients of one queue: our defaults, then the user's {@code kafka.*} properties
 * (each client gets the ones it knows, plus any no client knows), then the properties KubeMin
 * manages.
 */
public final class KafkaClients {
  private final KafkaQueueSettings settings;

  /**
   * @param settings the queue's settings
   */
  public KafkaClients(KafkaQueueSettings settings) {
    this.settings = settings;
  }

  /** A producer that sends each record at once and waits for all in-sync replicas. */
  public KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
  }

  /** A group member for one consumer name; offsets are committed by hand. */
  public KafkaConsumer<String, byte[]> consumer(String consumerName) {
    return new KafkaConsumer<>(
        consumerConfig(consumerName), new StringDeserializer(), new ByteArrayDeserializer());
  }

  /** An admin client for topics, offsets and lag. */
  public Admin admin() {
    return Admin.create(adminConfig());
  }

  /** The producer's configuration. */
  public Map<String, Object> producerConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId("producer"));
    config.putAll(userProperties(ProducerConfig.configNames()));
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    return config;
  }

  /** The configuration of one consumer name's group member. */
  public Map<String, Object> consumerConfig(String consumerName) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId("consumer-" + consumerName));
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.bufferCapacity());
    config.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    config.putAll(userProperties(ConsumerConfig.configNames()));
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        settings.offsetReset().name().toLowerCase(Locale.ROOT));
    return config;
  }

  /** The admin client's configuration. */
  public Map<String, Object> adminConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId("admin"));
    config.putAll(userProperties(AdminClientConfig.configNames()));
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    return config;
  }

  private String clientId(String role) {
    String base = settings.clientProperties().getOrDefault("client.id", "kubemin");
    return base + "-" + role;
  }

  private Map<String, String> userProperties(Set<String> known) {
    Map<String, String> chosen = new HashMap<>();
    settings
        .clientProperties()
        .forEach(
            (key, value) -> {
              if (!key.equals("client.id") && (known.contains(key) || unknownToAll(key))) {
                chosen.put(key, value);
              }
            });
    return chosen;
  }

  private static boolean unknownToAll(String key) {
    return !ProducerConfig.configNames().contains(key)
        && !ConsumerConfig.configNames().contains(key)
        && !AdminClientConfig.configNames().contains(key);
  }
}
