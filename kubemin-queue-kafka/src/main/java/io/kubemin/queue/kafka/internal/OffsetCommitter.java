package io.kubemin.queue.kafka.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits offsets on the poll thread: asynchronously after acknowledgements, synchronously when a
 * partition moves away or someone needs the commit done. A failed commit is not fatal: the offsets
 * stay uncommitted and go with the next commit, or the records are delivered again after a
 * rebalance.
 */
final class OffsetCommitter {
  private static final Logger log = LoggerFactory.getLogger(OffsetCommitter.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;
  private final Consumer<Map<TopicPartition, Long>> onCommitted;

  /**
   * @param onCommitted told of each successful commit, on the poll thread
   */
  OffsetCommitter(
      org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
      Consumer<Map<TopicPartition, Long>> onCommitted) {
    this.consumer = consumer;
    this.onCommitted = onCommitted;
  }

  /** Starts a commit; its outcome arrives during a later poll. */
  void commitAsync(Map<TopicPartition, Long> offsets) {
    if (offsets.isEmpty()) {
      return;
    }
    consumer.commitAsync(
        request(offsets),
        (committed, failure) -> {
          if (failure == null) {
            onCommitted.accept(offsets);
          } else {
            logFailure(offsets, failure);
          }
        });
  }

  /** Commits and waits; false when the commit failed. */
  boolean commitSync(Map<TopicPartition, Long> offsets) {
    if (offsets.isEmpty()) {
      return true;
    }
    try {
      commitThroughWakeups(request(offsets));
    } catch (KafkaException e) {
      logFailure(offsets, e);
      return false;
    }
    onCommitted.accept(offsets);
    return true;
  }

  private static Map<TopicPartition, OffsetAndMetadata> request(Map<TopicPartition, Long> offsets) {
    Map<TopicPartition, OffsetAndMetadata> request = new HashMap<>();
    offsets.forEach((partition, offset) -> request.put(partition, new OffsetAndMetadata(offset)));
    return request;
  }

  private static void logFailure(Map<TopicPartition, Long> offsets, Exception failure) {
    if (failure instanceof CommitFailedException
        || failure instanceof RebalanceInProgressException
        || failure instanceof RetriableException) {
      log.debug("offsets {} not committed yet: {}", offsets, failure.toString());
    } else {
      log.warn("offsets {} not committed: {}", offsets, failure.toString());
    }
  }

  /** A reader's wakeup meant for poll may land here instead; it only means "look again". */
  private void commitThroughWakeups(Map<TopicPartition, OffsetAndMetadata> request) {
    while (true) {
      try {
        consumer.commitSync(request, TIMEOUT);
        return;
      } catch (WakeupException e) {
        log.trace("wakeup during commit, retrying");
      }
    }
  }
}
