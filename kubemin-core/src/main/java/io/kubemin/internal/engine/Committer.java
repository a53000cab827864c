package io.kubemin.internal.engine;

import io.kubemin.spi.DataStoreException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * One committer thread and its queue: writes offered by any thread are written by this one, in
 * batches of what arrived while the previous batch was written, in the order offered. The thread
 * starts with the first write and ends when stopped with nothing pending.
 *
 * @param <W> a write, which carries what its caller waits for
 */
abstract class Committer<W> {
  private final String threadName;
  private final int maxBatchWeight;
  private final ArrayDeque<W> pending = new ArrayDeque<>();
  private Thread committer;
  private boolean stopped;
  private boolean crashed;
  private boolean writingBatch;
  private boolean writingAlone;

  /**
   * @param threadName the committer thread's name
   * @param maxBatchWeight the weight of a batch, at most (a heavier write goes alone)
   */
  Committer(String threadName, int maxBatchWeight) {
    this.threadName = threadName;
    this.maxBatchWeight = maxBatchWeight;
  }

  /** How much of a batch the write takes: one unless a subclass counts otherwise. */
  int weight(W write) {
    return 1;
  }

  /** Writes a batch; tells each write's caller its outcome. */
  abstract void write(List<W> batch);

  /** Tells the write's caller that it failed. */
  abstract void fail(W write, RuntimeException failure);

  /**
   * Queues the write for the next batch. After a crash, fails it at once.
   *
   * @return false once stopped: nothing was queued, and the caller writes it itself
   */
  final boolean offer(W write) {
    synchronized (pending) {
      if (crashed) {
        fail(write, crashFailure());
        return true;
      }
      if (stopped) {
        return false;
      }
      pending.add(write);
      if (committer == null) {
        committer = EngineThreadFactory.named(threadName).newThread(this::commit);
        committer.start();
      }
      pending.notifyAll();
      return true;
    }
  }

  /**
   * For writes that need no order among themselves: writes it on the caller's thread at once
   * ({@code alone}) while nothing is pending, no batch is being written and no other caller writes
   * alone (and once stopped); else queues it for the next batch and waits for its outcome. Writes
   * that arrive while a caller writes alone are queued for the committer.
   *
   * @param outcome completed by {@link #write} or {@link #fail} for this write
   */
  final <T> T writeAndWait(W write, CompletableFuture<T> outcome, Supplier<T> alone) {
    if (mayWriteAlone()) {
      try {
        return alone.get();
      } finally {
        doneAlone();
      }
    }
    if (!offer(write)) {
      return alone.get();
    }
    try {
      return outcome.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }

  private boolean mayWriteAlone() {
    synchronized (pending) {
      if (stopped || !pending.isEmpty() || writingBatch || writingAlone) {
        return false;
      }
      writingAlone = true;
      return true;
    }
  }

  private void doneAlone() {
    synchronized (pending) {
      writingAlone = false;
    }
  }

  /** Writes what is pending and stops the thread; later writes are the callers' own. */
  final void stop() {
    Thread thread;
    synchronized (pending) {
      stopped = true;
      thread = committer;
      pending.notifyAll();
    }
    if (thread != null && thread != Thread.currentThread()) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Stops like a dead process: what is pending is never written (its callers fail) and every later
   * write fails; a batch being written when this is called ends as the store decides.
   */
  final void crash() {
    List<W> dropped;
    synchronized (pending) {
      crashed = true;
      stopped = true;
      dropped = new ArrayList<>(pending);
      pending.clear();
      pending.notifyAll();
    }
    DataStoreException failure = crashFailure();
    dropped.forEach(w -> fail(w, failure));
  }

  private static DataStoreException crashFailure() {
    return new DataStoreException("the instance stopped (crash)");
  }

  private void commit() {
    while (true) {
      List<W> batch = next();
      if (batch == null) {
        return;
      }
      try {
        write(batch);
      } finally {
        synchronized (pending) {
          writingBatch = false;
        }
      }
    }
  }

  /** The next batch, waiting for one; null once stopped with nothing pending. */
  private List<W> next() {
    synchronized (pending) {
      while (pending.isEmpty()) {
        if (stopped) {
          committer = null;
          return null;
        }
        try {
          pending.wait();
        } catch (InterruptedException e) {
          stopped = true;
        }
      }
      List<W> batch = new ArrayList<>();
      int weight = 0;
      while (!pending.isEmpty()
          && (batch.isEmpty() || weight + weight(pending.peek()) <= maxBatchWeight)) {
        W write = pending.poll();
        weight += weight(write);
        batch.add(write);
      }
      writingBatch = true;
      return batch;
    }
  }
}
