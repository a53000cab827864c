package io.kubemin.queue.kafka.internal;

import io.kubemin.queue.kafka.KafkaQueueSettings;
import io.kubemin.queue.kafka.KafkaQueueSettings.OffsetReset;
import io.kubemin.spi.QueueException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Topic creation, group start offsets and consumer lag, through the Kafka admin client. */
public final class TopicAdmin implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopicAdmin.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Supplier<Admin> adminFactory;
  private final KafkaQueueSettings settings;
  private Admin admin;

  /**
   * @param adminFactory creates the client on first use; it is closed with this
   * @param settings names, partitions and replication
   */
  public TopicAdmin(Supplier<Admin> adminFactory, KafkaQueueSettings settings) {
    this.adminFactory = adminFactory;
    this.settings = settings;
  }

  private synchronized Admin admin() {
    if (admin == null) {
      admin = adminFactory.get();
    }
    return admin;
  }

  /**
   * Creates the dispatch and dead-letter topics if missing. A broker that does not allow it is
   * logged and tolerated: the topics may exist already or be created on first use.
   */
  public void ensureTopics() {
    Optional<Short> replication =
        settings.replication() == -1 ? Optional.empty() : Optional.of(settings.replication());
    List<NewTopic> topics =
        List.of(
            new NewTopic(settings.dispatchTopic(), Optional.of(settings.partitions()), replication),
            new NewTopic(settings.deadLetterTopic(), Optional.of(1), replication));
    Map<String, KafkaFuture<Void>> created = admin().createTopics(topics).values();
    created.forEach(this::awaitCreated);
  }

  private void awaitCreated(String topic, KafkaFuture<Void> creation) {
    try {
      KafkaFutures.await(creation, TIMEOUT, "create topic " + topic);
      log.info("created topic {}", topic);
    } catch (QueueException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TopicExistsException) {
        return;
      }
      if (cause instanceof AuthorizationException
          || cause instanceof PolicyViolationException
          || cause instanceof UnsupportedVersionException) {
        log.warn("not allowed to create topic {} ({}); going on", topic, cause.getMessage());
        return;
      }
      throw e;
    }
  }

  /**
   * For {@link OffsetReset#LATEST}: commits the current end offsets for partitions the group has no
   * offset for, so records enqueued between {@code ensureGroup} and the first read are kept.
   */
  public void startGroupAtEnd() {
    List<TopicPartition> partitions = partitions();
    Map<TopicPartition, OffsetAndMetadata> committed = committed();
    List<TopicPartition> missing =
        partitions.stream().filter(p -> committed.get(p) == null).toList();
    if (missing.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
    offsets(missing, OffsetSpec.latest())
        .forEach((p, end) -> ends.put(p, new OffsetAndMetadata(end)));
    try {
      KafkaFutures.await(
          admin().alterConsumerGroupOffsets(settings.groupId(), ends).all(),
          TIMEOUT,
          "start group " + settings.groupId() + " at the end of " + settings.dispatchTopic());
    } catch (QueueException e) {
      // An active member has positions of its own; it will commit them.
      log.info("group {} not started at the end: {}", settings.groupId(), e.getMessage());
    }
  }

  /**
   * Records of the dispatch topic the group has not committed: end offsets minus committed offsets;
   * a partition without a committed offset counts from its start ({@code earliest}) or not at all
   * ({@code latest}). Zero while the topic does not exist.
   */
  public long lag() {
    List<TopicPartition> partitions;
    try {
      partitions = partitions();
    } catch (QueueException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return 0;
      }
      throw e;
    }
    Map<TopicPartition, OffsetAndMetadata> committed = committed();
    Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
    List<TopicPartition> uncommitted =
        partitions.stream().filter(p -> committed.get(p) == null).toList();
    Map<TopicPartition, Long> starts =
        settings.offsetReset() == OffsetReset.EARLIEST && !uncommitted.isEmpty()
            ? offsets(uncommitted, OffsetSpec.earliest())
            : Map.of();
    long lag = 0;
    for (TopicPartition partition : partitions) {
      long end = ends.get(partition);
      OffsetAndMetadata offset = committed.get(partition);
      long from = offset != null ? offset.offset() : starts.getOrDefault(partition, end);
      lag += Math.max(0, end - from);
    }
    return lag;
  }

  private List<TopicPartition> partitions() {
    String topic = settings.dispatchTopic();
    return KafkaFutures.await(
            admin().describeTopics(List.of(topic)).allTopicNames(), TIMEOUT, "describe " + topic)
        .get(topic)
        .partitions()
        .stream()
        .map(info -> new TopicPartition(topic, info.partition()))
        .toList();
  }

  private Map<TopicPartition, OffsetAndMetadata> committed() {
    Map<TopicPartition, OffsetAndMetadata> committed =
        KafkaFutures.await(
            admin().listConsumerGroupOffsets(settings.groupId()).partitionsToOffsetAndMetadata(),
            TIMEOUT,
            "read the offsets of group " + settings.groupId());
    // The admin client reports partitions without an offset as null values.
    Map<TopicPartition, OffsetAndMetadata> present = new HashMap<>();
    committed.forEach(
        (partition, offset) -> {
          if (offset != null) {
            present.put(partition, offset);
          }
        });
    return present;
  }

  private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
    Map<TopicPartition, OffsetSpec> request =
        partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec));
    Map<TopicPartition, ListOffsetsResultInfo> offsets =
        KafkaFutures.await(
            admin().listOffsets(request).all(), TIMEOUT, "list offsets of " + partitions);
    Map<TopicPartition, Long> result = new HashMap<>();
    offsets.forEach((partition, info) -> result.put(partition, info.offset()));
    return result;
  }

  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
  }
}
