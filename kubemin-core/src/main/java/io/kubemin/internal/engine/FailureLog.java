package io.kubemin.internal.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs repeated failures of one kind (such as "offer tasks to the queue on instance a") so that an
 * outage reads as a few lines, not thousands: the first failure of a kind is a WARN with its stack
 * trace; later ones are counted and summarised at most once a {@linkplain #SUMMARY_EVERY minute}
 * with the count, and a stack trace of one cause appears at most once a minute (a new cause is
 * logged at once, with its trace); the first success after failures logs the recovery once, with
 * the count. Every failure is still logged at DEBUG.
 */
public final class FailureLog {
  /** How often a kind that keeps failing is summarised. */
  public static final Duration SUMMARY_EVERY = Duration.ofMinutes(1);

  private final Logger log;
  private final LongSupplier nanos;
  private final Map<String, Streak> streaks = new ConcurrentHashMap<>();

  /** Logs through {@code log}. */
  public FailureLog(Logger log) {
    this(log, System::nanoTime);
  }

  /** Logs through {@code log}, reading time from {@code nanos} (monotonic, for tests). */
  public FailureLog(Logger log, LongSupplier nanos) {
    this.log = log;
    this.nanos = nanos;
  }

  /**
   * Records one failure.
   *
   * @param kind what failed, the same text for each repetition
   * @param detail this occurrence (the task id, what happens next)
   * @param cause the exception or error
   */
  public void failed(String kind, String detail, Throwable cause) {
    long now = nanos.getAsLong();
    Streak streak = streaks.computeIfAbsent(kind, k -> new Streak(now));
    String causeKey = causeKey(cause);
    synchronized (streak) {
      streak.count++;
      Long lastTrace = streak.lastTrace.get(causeKey);
      boolean newCause = lastTrace == null;
      if (streak.count == 1 || newCause) {
        log.warn("{} failed: {}", kind, detail, cause);
        streak.lastTrace.put(causeKey, now);
        streak.lastSummary = now;
        streak.countAtSummary = streak.count;
        return;
      }
      if (now - streak.lastSummary < SUMMARY_EVERY.toNanos()) {
        log.debug("{} failed again ({} times so far): {}", kind, streak.count, detail, cause);
        return;
      }
      long since = streak.count - streak.countAtSummary;
      long seconds = Duration.ofNanos(now - streak.first).toSeconds();
      streak.lastSummary = now;
      streak.countAtSummary = streak.count;
      if (now - lastTrace >= SUMMARY_EVERY.toNanos()) {
        streak.lastTrace.put(causeKey, now);
        log.warn(
            "{} still failing: {} failure(s) in {} s, {} since the last report; last: {}",
            kind,
            streak.count,
            seconds,
            since,
            detail,
            cause);
      } else {
        log.warn(
            "{} still failing: {} failure(s) in {} s, {} since the last report; last: {} ({})",
            kind,
            streak.count,
            seconds,
            since,
            detail,
            cause.toString());
      }
    }
  }

  /** Records a success: when {@code kind} was failing, logs its recovery once. */
  public void succeeded(String kind) {
    if (streaks.isEmpty()) {
      return;
    }
    Streak streak = streaks.remove(kind);
    if (streak == null) {
      return;
    }
    synchronized (streak) {
      log.info(
          "{} works again after {} failure(s) in {} s",
          kind,
          streak.count,
          Duration.ofNanos(nanos.getAsLong() - streak.first).toSeconds());
    }
  }

  /** Whether {@code kind} is failing now (its last outcome was a failure). */
  public boolean failing(String kind) {
    return streaks.containsKey(kind);
  }

  private static String causeKey(Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return cause.getClass().getName() + "/" + root.getClass().getName();
  }

  private static final class Streak {
    final long first;
    final Map<String, Long> lastTrace = new HashMap<>();
    long count;
    long lastSummary;
    long countAtSummary;

    Streak(long first) {
      this.first = first;
    }
  }
}
