package io.kubemin.workflow;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an application's ended tasks and their job records are kept. The leading dispatcher
 * purges, in batches, the ended tasks of each application that are older than {@code maxAge} (by
 * their end) or beyond its newest {@code maxCount} ended tasks (by creation); whichever limit is
 * reached first. Active tasks are never purged. The default, {@link #keepAll()}, keeps every task.
 *
 * <pre>{@code
 * KubeMin.builder().retention(Retention.keepLast(100).andKeepFor(Duration.ofDays(30)));
 * }</pre>
 *
 * @param maxAge ended tasks whose end is older are purged; null for no age limit
 * @param maxCount the most ended tasks an application keeps (the newest); 0 for no count limit
 */
public record Retention(Duration maxAge, int maxCount) {
  private static final Retention KEEP_ALL = new Retention(null, 0);

  /**
   * @throws IllegalArgumentException when {@code maxAge} is not positive or {@code maxCount} is
   *     negative
   */
  public Retention {
    if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
      throw new IllegalArgumentException("retention maxAge must be positive, got " + maxAge);
    }
    if (maxCount < 0) {
      throw new IllegalArgumentException("retention maxCount must be 0 or more, got " + maxCount);
    }
  }

  /** Keeps every ended task (the default). */
  public static Retention keepAll() {
    return KEEP_ALL;
  }

  /** Keeps ended tasks for {@code maxAge} after they ended. */
  public static Retention keepFor(Duration maxAge) {
    return new Retention(Objects.requireNonNull(maxAge, "maxAge"), 0);
  }

  /**
   * Keeps the newest {@code count} ended tasks of each application.
   *
   * @throws IllegalArgumentException when {@code count} is less than 1
   */
  public static Retention keepLast(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("retention keepLast must be at least 1, got " + count);
    }
    return new Retention(null, count);
  }

  /** This policy with an age limit as well. */
  public Retention andKeepFor(Duration age) {
    return new Retention(Objects.requireNonNull(age, "maxAge"), maxCount);
  }

  /** Whether this policy keeps every task. */
  public boolean keepsAll() {
    return maxAge == null && maxCount == 0;
  }
}
