package io.kubemin.metrics;

import io.kubemin.spi.Queue;
import io.kubemin.spi.QueueStats;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A queue's stats read at most once per {@link #MAX_AGE}, so that three gauges scraped often make
 * one broker call per second. A failed read is remembered for as long (a broker that is down is not
 * asked again on every scrape) and reads as NaN.
 */
final class CachedQueueStats {
  static final Duration MAX_AGE = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(CachedQueueStats.class);

  private final Queue queue;
  private final String group;
  private final LongSupplier nanoTime;
  private QueueStats stats;
  private long readAt;
  private boolean read;

  CachedQueueStats(Queue queue, String group, LongSupplier nanoTime) {
    this.queue = queue;
    this.group = group;
    this.nanoTime = nanoTime;
  }

  double backlog() {
    QueueStats current = current();
    return current == null ? Double.NaN : current.backlog();
  }

  double pending() {
    QueueStats current = current();
    return current == null ? Double.NaN : current.pending();
  }

  double deadLettered() {
    QueueStats current = current();
    return current == null ? Double.NaN : current.deadLettered();
  }

  private synchronized QueueStats current() {
    long now = nanoTime.getAsLong();
    if (!read || now - readAt >= MAX_AGE.toNanos()) {
      stats = fetch();
      readAt = now;
      read = true;
    }
    return stats;
  }

  private QueueStats fetch() {
    try {
      return queue.stats(group);
    } catch (RuntimeException e) {
      LOG.debug("queue stats for group {} unavailable", group, e);
      return null;
    }
  }
}
