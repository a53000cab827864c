package io.kubemin.internal.engine;

import java.time.Duration;
import java.util.Arrays;

/** Waits for test callers (threads of an executor's default pool) to wait inside a class. */
final class WaitingCallers {
  private WaitingCallers() {}

  /** Waits until {@code count} callers wait, with a frame of {@code inside} on their stacks. */
  static void await(Class<?> inside, int count) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                Thread.getAllStackTraces().entrySet().stream()
                        .filter(e -> e.getKey().getName().startsWith("pool-"))
                        .filter(e -> waiting(e.getKey()))
                        .filter(
                            e ->
                                Arrays.stream(e.getValue())
                                    .anyMatch(f -> f.getClassName().equals(inside.getName())))
                        .count()
                    >= count);
  }

  private static boolean waiting(Thread thread) {
    return thread.getState() == Thread.State.WAITING
        || thread.getState() == Thread.State.TIMED_WAITING;
  }
}
