package io.kubemin.spi;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Carries task ids from the dispatcher to workers, with consumer groups and at-least-once delivery:
 * a message read and not acknowledged is delivered again (to any consumer of the group) through
 * {@link #autoClaim} or the broker's own rebalancing. The store stays the source of truth; the
 * queue only makes work arrive fast. Implementations are thread-safe.
 */
public interface Queue extends AutoCloseable {

  /** Creates the destination and the consumer group if missing (idempotent). */
  void ensureGroup(String group);

  /**
   * Appends a message.
   *
   * @param key ordering key (messages with one key stay in order where the broker supports it)
   * @return the broker's id of the message, or an empty string where the broker assigns none
   */
  String enqueue(String key, byte[] payload);

  /**
   * Appends several messages, in order, in as few round trips as the broker allows (the default
   * appends them one by one). When it throws, any prefix of the messages may have been appended.
   *
   * @return the broker's ids, in the order of {@code messages}
   */
  default List<String> enqueueAll(List<OutgoingMessage> messages) {
    List<String> ids = new java.util.ArrayList<>(messages.size());
    for (OutgoingMessage message : messages) {
      ids.add(enqueue(message.key(), message.payload()));
    }
    return ids;
  }

  /**
   * Reads up to {@code max} messages not yet delivered to the group, waiting up to {@code block}
   * for the first one. Returns early (possibly empty) when the calling thread is interrupted, with
   * the interrupt flag set.
   */
  List<QueueMessage> readGroup(String group, String consumer, int max, Duration block);

  /** Acknowledges processed messages; unknown ids are ignored. */
  void ack(String group, Collection<String> ids);

  /**
   * Takes over messages delivered to any consumer of the group and not acknowledged for at least
   * {@code minIdle}, counting a new delivery for each. Brokers that redeliver through rebalancing
   * may return an empty list and hand such messages out through {@link #readGroup} instead.
   */
  List<QueueMessage> autoClaim(String group, String consumer, Duration minIdle, int max);

  /**
   * Moves a message that cannot be processed to the dead-letter destination with the reason, and
   * acknowledges it.
   */
  void deadLetter(String group, QueueMessage message, String reason);

  /**
   * How many times this queue client found that messages it held may have been lost: its stream,
   * topic or consumer group was missing, or the broker came back from a restart. When the count
   * grows, the leading dispatcher offers every queued task again at once instead of waiting for its
   * slower check of long-queued tasks ({@code 2 x claimIdle}). Must be cheap and must not throw
   * while the broker is unreachable (return the count so far). The default, for brokers that never
   * lose acknowledged writes, is always 0.
   */
  default long losses() {
    return 0;
  }

  /**
   * Gives back what a consumer holds in its group once an engine stopped reading with it for good
   * (the engine closed while this queue stays open for another one): messages it read and did not
   * acknowledge go back to the group, and a queue whose consumers own partitions hands them to the
   * group's other members. A later read with the same name joins anew. The engine calls it when it
   * closes, not when it crashes. The default does nothing, for queues whose consumers hold nothing
   * between reads.
   */
  default void closeConsumer(String group, String consumer) {}

  /** Depth of the queue for the group. */
  QueueStats stats(String group);

  /** Releases connections and threads the queue created. */
  @Override
  void close();
}
