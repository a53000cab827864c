package io.kubemin.internal.engine;

import io.kubemin.spi.QueueMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One queue consumer: reads only as many messages as there are free task slots (back-pressure: a
 * full worker stops reading), takes over messages other consumers left unacknowledged for {@code
 * claimIdle}, and hands each message to the {@link TaskStarter}.
 */
final class QueueReader implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(QueueReader.class);
  private static final FailureLog FAILURES = new FailureLog(LOG);
  private static final int MAX_BATCH = 32;

  /**
   * How long a reader behind a backlog waits for more task slots to free up before it reads, so
   * that its tasks start in batches (one read and one commit for many) rather than one by one.
   */
  static final long GATHER_NANOS = 2_000_000L;

  private static final Duration FIRST_ERROR_PAUSE = Duration.ofMillis(200);
  private static final Duration MAX_ERROR_PAUSE = Duration.ofSeconds(30);

  private final EngineParts parts;
  private final String consumer;
  private final Semaphore slots;
  private final TaskStarter starter;
  private volatile boolean reading = true;

  /**
   * Slots this reader holds while it waits for messages: an exec that starts its task here ({@link
   * LocalStart}) may take one of them instead of finding none free. The reader then handles a read
   * larger than what it kept once enough slots are free again (and while it waits for them, no exec
   * takes a slot: {@link Worker#tryLocalStart()}).
   */
  private final AtomicInteger lendable = new AtomicInteger();

  // Whether the last read filled every slot it had: the queue holds more, worth gathering slots.
  private boolean backlogged;

  QueueReader(EngineParts parts, String consumer, Semaphore slots, TaskStarter starter) {
    this.parts = parts;
    this.consumer = consumer;
    this.slots = slots;
    this.starter = starter;
  }

  void stop() {
    reading = false;
  }

  /** The consumer name this reader reads the queue as. */
  String consumer() {
    return consumer;
  }

  @Override
  public void run() {
    long claimEveryNanos =
        Math.max(
            Math.min(
                parts.settings().claimIdle().toNanos() / 2,
                EngineSettings.CLAIM_INTERVAL.toNanos()),
            1_000_000L);
    long nextClaim = System.nanoTime() + claimEveryNanos;
    Duration pause = FIRST_ERROR_PAUSE;
    while (reading) {
      int granted = 0;
      try {
        granted = acquireSlots();
        if (granted == 0) {
          continue;
        }
        boolean claiming = System.nanoTime() - nextClaim >= 0;
        if (claiming) {
          nextClaim = System.nanoTime() + claimEveryNanos;
        }
        int asked = granted;
        List<QueueMessage> messages;
        lendable.set(asked);
        long readSent = System.nanoTime();
        try {
          messages =
              claiming
                  ? parts
                      .queue()
                      .autoClaim(
                          EngineSettings.WORKER_GROUP,
                          consumer,
                          parts.settings().claimIdle(),
                          asked)
                  : parts
                      .queue()
                      .readGroup(
                          EngineSettings.WORKER_GROUP,
                          consumer,
                          asked,
                          parts.settings().readBlock());
        } finally {
          granted = lendable.getAndSet(0);
        }
        if (messages.size() > granted) {
          // Execs took slots while the read waited: these messages start once slots are free.
          slots.acquire(messages.size() - granted);
          granted = messages.size();
        }
        FAILURES.succeeded(reading());
        backlogged = messages.size() == asked;
        granted -= handleAll(messages, readSent);
        pause = FIRST_ERROR_PAUSE;
      } catch (InterruptedException e) {
        reading = false;
      } catch (RuntimeException | Error e) {
        // An Error must not end the consumer thread silently: log it and go on like any failure.
        if (reading) {
          FAILURES.failed(reading(), "retrying in " + pause.toMillis() + " ms", e);
          pause = pauseAfterError(pause);
        }
      } finally {
        slots.release(granted);
      }
    }
  }

  /** Takes one slot this reader holds while it waits for messages; false when it holds none. */
  boolean lendSlot() {
    int free;
    while ((free = lendable.get()) > 0) {
      if (lendable.compareAndSet(free, free - 1)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Handles the messages read by a read sent at {@code readSent} ({@link System#nanoTime()});
   * returns how many started a task (and so keep their slot).
   */
  private int handleAll(List<QueueMessage> messages, long readSent) {
    if (messages.isEmpty()) {
      return 0;
    }
    try {
      return starter.handleAll(messages, readSent);
    } catch (RuntimeException e) {
      FAILURES.failed(
          "handling queue messages on " + consumer,
          messages.size() + " message(s) will be delivered again",
          e);
      return 0;
    }
  }

  private String reading() {
    return "reading the queue as " + consumer;
  }

  /**
   * Waits for one free slot, then takes the others free at once (up to a batch). Behind a backlog,
   * on a store that prefers batches, it waits up to {@link #GATHER_NANOS} for half the slots.
   */
  private int acquireSlots() throws InterruptedException {
    if (!slots.tryAcquire(parts.settings().readBlock().toMillis(), TimeUnit.MILLISECONDS)) {
      return 0;
    }
    int granted = 1 + drainFree(MAX_BATCH - 1);
    int wanted = Math.min(MAX_BATCH, parts.settings().maxConcurrentTasks() / 2);
    if (backlogged && granted < wanted && parts.store().prefersBatches()) {
      long end = System.nanoTime() + GATHER_NANOS;
      long left;
      while (granted < wanted && (left = end - System.nanoTime()) > 0) {
        if (slots.tryAcquire(left, TimeUnit.NANOSECONDS)) {
          granted += 1 + drainFree(MAX_BATCH - granted - 1);
        }
      }
    }
    return granted;
  }

  private int drainFree(int most) {
    int taken = 0;
    while (taken < most && slots.tryAcquire()) {
      taken++;
    }
    return taken;
  }

  private Duration pauseAfterError(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      reading = false;
    }
    Duration doubled = pause.multipliedBy(2);
    return doubled.compareTo(MAX_ERROR_PAUSE) > 0 ? MAX_ERROR_PAUSE : doubled;
  }
}
