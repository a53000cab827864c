package io.kubemin.queue.kafka.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The records one consumer fetched: waiting to be handed out, or handed out and not yet
 * acknowledged. Shared by the consumer's poll thread and the threads that read from it.
 */
final class ConsumerBuffer {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<ConsumerRecord<String, byte[]>> waiting = new ArrayDeque<>();
  private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
  private final Map<TopicPartition, TreeMap<Long, ConsumerRecord<String, byte[]>>> handedOut =
      new HashMap<>();
  private final int capacity;
  private boolean closed;

  ConsumerBuffer(int capacity) {
    this.capacity = capacity;
  }

  private static TopicPartition partitionOf(ConsumerRecord<?, ?> record) {
    return new TopicPartition(record.topic(), record.partition());
  }

  void add(Iterable<ConsumerRecord<String, byte[]>> records) {
    lock.lock();
    try {
      for (ConsumerRecord<String, byte[]> record : records) {
        progress
            .computeIfAbsent(partitionOf(record), p -> new PartitionProgress())
            .fetched(record.offset());
        waiting.add(record);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Hands out up to {@code max} records, waiting up to {@code block} for the first; empty when
   * interrupted (flag kept) or closed.
   *
   * @param handOut turns a record into what the reader gets; runs under the lock, so a record
   *     cannot be forgotten between being taken and being registered
   * @param roomAgain runs when this take ends a full buffer, so fetching can resume
   */
  <T> List<T> take(
      int max,
      Duration block,
      Function<ConsumerRecord<String, byte[]>, T> handOut,
      Runnable roomAgain) {
    long deadline = System.nanoTime() + block.toNanos();
    lock.lock();
    try {
      while (waiting.isEmpty()) {
        long remaining = deadline - System.nanoTime();
        if (closed || remaining <= 0) {
          return List.of();
        }
        try {
          changed.awaitNanos(remaining);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return List.of();
        }
      }
      boolean wasFull = waiting.size() >= capacity;
      List<T> taken = new ArrayList<>();
      while (taken.size() < max && !waiting.isEmpty()) {
        ConsumerRecord<String, byte[]> record = waiting.poll();
        handedOut
            .computeIfAbsent(partitionOf(record), p -> new TreeMap<>())
            .put(record.offset(), record);
        taken.add(handOut.apply(record));
      }
      if (wasFull && waiting.size() < capacity) {
        roomAgain.run();
      }
      return taken;
    } finally {
      lock.unlock();
    }
  }

  boolean isFull() {
    lock.lock();
    try {
      return waiting.size() >= capacity;
    } finally {
      lock.unlock();
    }
  }

  /** Marks records acknowledged; returns the offsets now worth committing, by partition. */
  Map<TopicPartition, Long> acknowledge(Collection<ConsumerRecord<String, byte[]>> records) {
    lock.lock();
    try {
      Map<TopicPartition, Long> toCommit = new HashMap<>();
      for (ConsumerRecord<String, byte[]> record : records) {
        TopicPartition partition = partitionOf(record);
        TreeMap<Long, ConsumerRecord<String, byte[]>> held = handedOut.get(partition);
        if (held != null && held.remove(record.offset()) != null) {
          progress.get(partition).acknowledged(record.offset());
        }
        toCommit.putAll(commitCandidates(List.of(partition)));
      }
      return toCommit;
    } finally {
      lock.unlock();
    }
  }

  /** Offsets worth committing for these partitions. */
  Map<TopicPartition, Long> commitCandidates(Collection<TopicPartition> partitions) {
    lock.lock();
    try {
      Map<TopicPartition, Long> candidates = new HashMap<>();
      for (TopicPartition partition : partitions) {
        PartitionProgress partitionProgress = progress.get(partition);
        long offset = partitionProgress == null ? -1 : partitionProgress.commitCandidate();
        if (offset >= 0) {
          candidates.put(partition, offset);
        }
      }
      return candidates;
    } finally {
      lock.unlock();
    }
  }

  void committed(Map<TopicPartition, Long> offsets) {
    lock.lock();
    try {
      offsets.forEach(
          (partition, offset) -> {
            PartitionProgress partitionProgress = progress.get(partition);
            if (partitionProgress != null) {
              partitionProgress.committed(offset);
            }
          });
    } finally {
      lock.unlock();
    }
  }

  boolean hasHandedOut(Collection<TopicPartition> partitions) {
    lock.lock();
    try {
      return partitions.stream()
          .map(handedOut::get)
          .anyMatch(held -> held != null && !held.isEmpty());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Drops everything of partitions this consumer no longer owns.
   *
   * @return the records that were handed out and not acknowledged
   */
  List<ConsumerRecord<String, byte[]>> forget(Collection<TopicPartition> partitions) {
    lock.lock();
    try {
      Set<TopicPartition> gone = Set.copyOf(partitions);
      waiting.removeIf(record -> gone.contains(partitionOf(record)));
      List<ConsumerRecord<String, byte[]>> dropped = new ArrayList<>();
      for (TopicPartition partition : gone) {
        TreeMap<Long, ConsumerRecord<String, byte[]>> held = handedOut.remove(partition);
        if (held != null) {
          dropped.addAll(held.values());
        }
        progress.remove(partition);
      }
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  /** Ends every wait; returns the handed-out records not acknowledged. */
  List<ConsumerRecord<String, byte[]>> close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
      Set<TopicPartition> all = new java.util.HashSet<>(progress.keySet());
      all.addAll(handedOut.keySet());
      return forget(all);
    } finally {
      lock.unlock();
    }
  }

  boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }
}
