package io.kubemin.queue.kafka.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What one queue instance has handed out and not yet seen acknowledged, and how often each
 * uncommitted record was handed out. Counts survive a record's partition moving between this
 * instance's consumers, so a redelivery is counted without headers; records redelivered to another
 * process start counting there from 1.
 */
public final class DeliveryLedger {
  private final Map<String, Delivery> handedOut = new ConcurrentHashMap<>();
  private final Map<Integer, TreeMap<Long, Integer>> counts = new HashMap<>();

  /** The message id of a record: {@code <partition>:<offset>}. */
  public static String idOf(ConsumerRecord<?, ?> record) {
    return record.partition() + ":" + record.offset();
  }

  /** Registers a record handed out by {@code owner}; returns its delivery count, this included. */
  public int handOut(ConsumerWorker owner, ConsumerRecord<String, byte[]> record) {
    handedOut.put(idOf(record), new Delivery(owner, record));
    synchronized (counts) {
      return counts
          .computeIfAbsent(record.partition(), p -> new TreeMap<>())
          .merge(record.offset(), 1, Integer::sum);
    }
  }

  /** Removes and returns the delivery of an id, or null when unknown or already gone. */
  public Delivery take(String id) {
    return handedOut.remove(id);
  }

  /** The delivery of an id, or null. */
  public Delivery peek(String id) {
    return handedOut.get(id);
  }

  /** Forgets records {@code owner} handed out and can no longer commit. */
  public void drop(ConsumerWorker owner, Collection<ConsumerRecord<String, byte[]>> records) {
    for (ConsumerRecord<String, byte[]> record : records) {
      handedOut.computeIfPresent(idOf(record), (id, d) -> d.owner() == owner ? null : d);
    }
  }

  /** Forgets the counts of records before a committed offset: they are never read again. */
  public void committed(int partition, long offset) {
    synchronized (counts) {
      TreeMap<Long, Integer> partitionCounts = counts.get(partition);
      if (partitionCounts != null) {
        partitionCounts.headMap(offset).clear();
      }
    }
  }

  /** Records handed out and not acknowledged. */
  public int pending() {
    return handedOut.size();
  }

  /**
   * A record handed out by a consumer.
   *
   * @param owner the consumer that read it and commits it
   * @param record the record
   */
  public record Delivery(ConsumerWorker owner, ConsumerRecord<String, byte[]> record) {}
}
