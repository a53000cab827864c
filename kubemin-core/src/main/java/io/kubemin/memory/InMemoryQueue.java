package io.kubemin.memory;

import io.kubemin.spi.Queue;
import io.kubemin.spi.QueueMessage;
import io.kubemin.spi.QueueStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-process {@link Queue} with consumer groups, pending entries and redelivery, like a Redis
 * stream. A waiting reader wakes the moment a message arrives, so local mode has no polling delay.
 */
public final class InMemoryQueue implements Queue {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final TreeMap<Long, byte[]> stream = new TreeMap<>();
  // Only messages enqueued with headers have an entry, so messages without cost nothing here.
  private final Map<Long, Map<String, String>> headers = new HashMap<>();
  private final Map<String, Group> groups = new HashMap<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private long nextSequence = 1;
  private boolean closed;

  @Override
  public void ensureGroup(String group) {
    lock.lock();
    try {
      groups.computeIfAbsent(group, g -> new Group(firstSequence()));
    } finally {
      lock.unlock();
    }
  }

  private long firstSequence() {
    return stream.isEmpty() ? nextSequence : stream.firstKey();
  }

  @Override
  public String enqueue(String key, byte[] payload) {
    lock.lock();
    try {
      checkOpen();
      long sequence = nextSequence++;
      stream.put(sequence, payload.clone());
      arrived.signalAll();
      return Long.toString(sequence);
    } finally {
      lock.unlock();
    }
  }

  /** {@inheritDoc} Under one lock, waking the readers once. */
  @Override
  public List<String> enqueueAll(List<io.kubemin.spi.OutgoingMessage> messages) {
    lock.lock();
    try {
      checkOpen();
      List<String> ids = new ArrayList<>(messages.size());
      for (io.kubemin.spi.OutgoingMessage message : messages) {
        long sequence = nextSequence++;
        stream.put(sequence, message.payload().clone());
        if (!message.headers().isEmpty()) {
          headers.put(sequence, message.headers());
        }
        ids.add(Long.toString(sequence));
      }
      arrived.signalAll();
      return ids;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<QueueMessage> readGroup(String group, String consumer, int max, Duration block) {
    long deadline = System.nanoTime() + block.toNanos();
    lock.lock();
    try {
      Group state = group(group);
      while (true) {
        checkOpen();
        List<QueueMessage> read = new ArrayList<>();
        for (Map.Entry<Long, byte[]> entry : stream.tailMap(state.cursor, true).entrySet()) {
          if (read.size() >= max) {
            break;
          }
          state.cursor = entry.getKey() + 1;
          Pending pending = new Pending(consumer, System.nanoTime(), 1);
          state.pending.put(entry.getKey(), pending);
          read.add(
              new QueueMessage(
                  entry.getKey().toString(),
                  entry.getValue().clone(),
                  1,
                  headers.get(entry.getKey())));
        }
        long remaining = deadline - System.nanoTime();
        if (!read.isEmpty() || remaining <= 0) {
          return read;
        }
        try {
          arrived.awaitNanos(remaining);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return List.of();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void ack(String group, Collection<String> ids) {
    lock.lock();
    try {
      Group state = group(group);
      for (String id : ids) {
        parse(id).ifPresent(state.pending::remove);
      }
      trim();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<QueueMessage> autoClaim(String group, String consumer, Duration minIdle, int max) {
    lock.lock();
    try {
      checkOpen();
      Group state = group(group);
      long now = System.nanoTime();
      List<QueueMessage> claimed = new ArrayList<>();
      for (Map.Entry<Long, Pending> entry : state.pending.entrySet()) {
        if (claimed.size() >= max) {
          break;
        }
        Pending pending = entry.getValue();
        if (now - pending.deliveredAt >= minIdle.toNanos()) {
          Pending next = new Pending(consumer, now, pending.deliveries + 1);
          entry.setValue(next);
          byte[] payload = stream.get(entry.getKey());
          claimed.add(
              new QueueMessage(
                  entry.getKey().toString(),
                  payload.clone(),
                  next.deliveries,
                  headers.get(entry.getKey())));
        }
      }
      return claimed;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void deadLetter(String group, QueueMessage message, String reason) {
    lock.lock();
    try {
      deadLetters.add(new DeadLetter(group, message, reason));
      group(group).deadLettered++;
    } finally {
      lock.unlock();
    }
    ack(group, List.of(message.id()));
  }

  /** Messages moved to the dead-letter list, oldest first. */
  public List<DeadLetter> deadLetters() {
    lock.lock();
    try {
      return List.copyOf(deadLetters);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public QueueStats stats(String group) {
    lock.lock();
    try {
      Group state = group(group);
      long backlog = stream.tailMap(state.cursor, true).size();
      return new QueueStats(backlog, state.pending.size(), state.deadLettered);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private Group group(String name) {
    Group state = groups.get(name);
    if (state == null) {
      throw new IllegalStateException(
          "consumer group '" + name + "' does not exist: call ensureGroup first");
    }
    return state;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("queue is closed");
    }
  }

  /** Drops messages every group has read and acknowledged. */
  private void trim() {
    long lowest = Long.MAX_VALUE;
    for (Group group : groups.values()) {
      lowest = Math.min(lowest, group.cursor);
      if (!group.pending.isEmpty()) {
        lowest = Math.min(lowest, group.pending.keySet().iterator().next());
      }
    }
    Iterator<Long> keys = stream.keySet().iterator();
    while (keys.hasNext()) {
      Long key = keys.next();
      if (key >= lowest) {
        break;
      }
      keys.remove();
      if (!headers.isEmpty()) {
        headers.remove(key);
      }
    }
  }

  private static java.util.Optional<Long> parse(String id) {
    try {
      return java.util.Optional.of(Long.parseLong(id));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * A message that could not be processed.
   *
   * @param group the group that gave up on it
   * @param message the message
   * @param reason why
   */
  public record DeadLetter(String group, QueueMessage message, String reason) {}

  private record Pending(String consumer, long deliveredAt, int deliveries) {}

  private static final class Group {
    long cursor;
    long deadLettered;
    final LinkedHashMap<Long, Pending> pending = new LinkedHashMap<>();

    Group(long cursor) {
      this.cursor = cursor;
    }
  }
}
