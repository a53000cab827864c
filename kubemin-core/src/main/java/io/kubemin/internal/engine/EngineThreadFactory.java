package io.kubemin.internal.engine;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names engine threads ({@code prefix-1}, {@code prefix-2}...); daemon so they never pin a JVM. */
final class EngineThreadFactory {
  private EngineThreadFactory() {}

  static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
