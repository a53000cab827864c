package io.kubemin.internal.engine;

import java.util.concurrent.atomic.AtomicInteger;

/** Jobs planned and done in one task attempt, for listener events. */
final class TaskProgress {
  private final int planned;
  private final AtomicInteger done = new AtomicInteger();

  TaskProgress(int planned) {
    this.planned = planned;
  }

  int planned() {
    return planned;
  }

  int done() {
    return done.get();
  }

  int jobDone() {
    return done.incrementAndGet();
  }
}
