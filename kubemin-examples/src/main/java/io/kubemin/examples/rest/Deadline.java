package io.kubemin.examples.rest;

/**
 * What a connection must do by when: send its headers, finish its body, or (kept alive) start its
 * next request. A sweep runs the action of every deadline that has passed, once.
 */
final class Deadline {
  private long at;
  private Runnable action;

  /** Runs the action at {@code nanoTime}, replacing any earlier deadline. */
  synchronized void set(long nanoTime, Runnable action) {
    this.at = nanoTime;
    this.action = action;
  }

  /** No deadline while a handler runs. */
  synchronized void clear() {
    this.action = null;
  }

  /** Runs the action when its time has come. */
  void expireIfDue(long now) {
    Runnable due;
    synchronized (this) {
      if (action == null || now - at < 0) {
        return;
      }
      due = action;
      action = null;
    }
    due.run();
  }
}
