package io.kubemin.internal.engine;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names engine threads ({@code prefix-1}, {@code prefix-2}...); daemon so they never pin a JVM. A
 * thread that dies of an uncaught throwable says so in the log instead of vanishing silently.
 */
final class EngineThreadFactory {
  private static final Logger LOG = LoggerFactory.getLogger(EngineThreadFactory.class);

  private EngineThreadFactory() {}

  static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      thread.setUncaughtExceptionHandler(
          (dead, e) ->
              LOG.error("engine thread {} died of an uncaught throwable", dead.getName(), e));
      return thread;
    };
  }
}
