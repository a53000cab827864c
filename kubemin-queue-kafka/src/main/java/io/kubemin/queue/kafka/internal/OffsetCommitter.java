package io.kubemin.queue.kafka.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits offsets synchronously on the poll thread. A failed commit is not fatal: the offsets stay
 * uncommitted and are committed with the next acknowledgement, or the records are delivered again
 * after a rebalance.
 */
final class OffsetCommitter {
  private static final Logger log = LoggerFactory.getLogger(OffsetCommitter.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final Consumer<String, byte[]> consumer;
  private final DeliveryLedger ledger;

  OffsetCommitter(Consumer<String, byte[]> consumer, DeliveryLedger ledger) {
    this.consumer = consumer;
    this.ledger = ledger;
  }

  /** Whether the offsets were committed. */
  boolean commit(Map<TopicPartition, Long> offsets) {
    if (offsets.isEmpty()) {
      return true;
    }
    Map<TopicPartition, OffsetAndMetadata> request = new HashMap<>();
    offsets.forEach((partition, offset) -> request.put(partition, new OffsetAndMetadata(offset)));
    try {
      commitThroughWakeups(request);
    } catch (CommitFailedException | RebalanceInProgressException e) {
      log.debug("offsets {} not committed, the group is rebalancing: {}", offsets, e.toString());
      return false;
    } catch (KafkaException e) {
      log.warn("offsets {} not committed: {}", offsets, e.toString());
      return false;
    }
    offsets.forEach((partition, offset) -> ledger.committed(partition.partition(), offset));
    return true;
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
