package io.kubemin.examples.cli;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When a benchmark's warm-up may stop: after its minimum, once the JIT compiler is quiet.
 *
 * <p>At a few hundred tasks per second the per-task code paths reach the optimising compiler's
 * thresholds only after tens of seconds, and until then the compiler takes most of a core: on two
 * cores, a run measured after 5 s spent half of its JVM's CPU compiling. So the warm-up goes on,
 * round after round, while the compiler worked for more than {@link #QUIET_SHARE} of the wall time
 * of the last rounds (whole rounds lasting {@link #QUIET_WINDOW} or more: one short round is too
 * small a sample), up to {@link #LONGEST} in all (or the minimum, if longer). A minimum of zero
 * means no warm-up at all.
 */
final class JitWarmup {
  /** Compile time per wall time under which the compiler counts as quiet. */
  static final double QUIET_SHARE = 0.05;

  /** The least wall time over which the compiler's share is judged. */
  static final Duration QUIET_WINDOW = Duration.ofSeconds(2);

  /** The longest warm-up, unless the minimum asked for is longer. */
  static final Duration LONGEST = Duration.ofSeconds(60);

  private final long minimumNanos;
  private final long longestNanos;
  private final LongSupplier nanoTime;
  private final LongSupplier compileMillis;
  private final long started;
  private long windowStarted;
  private long windowCompileMillis;

  JitWarmup(Duration minimum) {
    this(minimum, LONGEST, System::nanoTime, JitWarmup::compileMillis);
  }

  /**
   * @param nanoTime the clock
   * @param compileMillis the JIT compiler's time so far, -1 where unknown
   */
  JitWarmup(Duration minimum, Duration longest, LongSupplier nanoTime, LongSupplier compileMillis) {
    this.minimumNanos = minimum.toNanos();
    this.longestNanos = Math.max(minimumNanos, longest.toNanos());
    this.nanoTime = nanoTime;
    this.compileMillis = compileMillis;
    this.started = nanoTime.getAsLong();
    this.windowStarted = started;
    this.windowCompileMillis = compileMillis.getAsLong();
  }

  /** Whether to run a warm-up round before measuring, the first round included. */
  boolean another() {
    if (minimumNanos == 0) {
      return false;
    }
    long now = nanoTime.getAsLong();
    long compiled = compileMillis.getAsLong();
    long elapsed = now - started;
    if (elapsed < minimumNanos) {
      return true;
    }
    // Without compile times (a JVM that does not keep them) the minimum is the whole warm-up.
    if (compiled < 0 || elapsed >= longestNanos) {
      return false;
    }
    long window = now - windowStarted;
    if (window < QUIET_WINDOW.toNanos()) {
      return true;
    }
    boolean compilerBusy = (compiled - windowCompileMillis) * 1_000_000.0 / window > QUIET_SHARE;
    windowStarted = now;
    windowCompileMillis = compiled;
    return compilerBusy;
  }

  /** Seconds spent warming up so far. */
  double seconds() {
    return (nanoTime.getAsLong() - started) / 1e9;
  }

  /**
   * Milliseconds the JIT compiler has worked since {@link #compileMillis()} gave {@code before}, or
   * -1 where the JVM does not keep them.
   */
  static long compileMillisSince(long before) {
    return before < 0 ? -1 : compileMillis() - before;
  }

  /**
   * Milliseconds the JIT compiler has worked in this JVM so far (every compiler thread), or -1
   * where the JVM does not keep them.
   */
  static long compileMillis() {
    CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
    if (compiler == null || !compiler.isCompilationTimeMonitoringSupported()) {
      return -1;
    }
    return compiler.getTotalCompilationTime();
  }
}
