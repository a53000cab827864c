package io.kubemin.internal.engine;

import io.kubemin.spi.DataStoreException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A committer thread and its queue: writes offered by any thread are written by this one, in
 * batches of what arrived while the previous batch was written, in the order offered. The thread
 * starts with the first write and ends when stopped with nothing pending.
 *
 * <p>For writes that need no order among themselves, a second thread may write a second batch while
 * the first is being written, once {@code parallelBatchMin} writes wait: a store with a spare core
 * then works on two transactions at once, while fewer waiting writes join the next batch and keep
 * sharing its commit.
 *
 * @param <W> a write, which carries what its caller waits for
 */
abstract class Committer<W> {
  private final String threadName;
  private final int maxBatchWeight;
  private final int parallelBatchMin;

  /** Batches (and callers writing alone) in flight at once, at most: one, or two in parallel. */
  private final int maxInFlight;

  private final ArrayDeque<W> pending = new ArrayDeque<>();
  private final List<Thread> committers = new ArrayList<>();
  private boolean stopped;
  private boolean crashed;
  private int batchesInFlight;
  private boolean writingAlone;

  /**
   * One batch at a time, in the order offered.
   *
   * @param threadName the committer thread's name
   * @param maxBatchWeight the weight of a batch, at most (a heavier write goes alone)
   */
  Committer(String threadName, int maxBatchWeight) {
    this(threadName, maxBatchWeight, 0);
  }

  /**
   * @param threadName the committer threads' name
   * @param maxBatchWeight the weight of a batch, at most (a heavier write goes alone)
   * @param parallelBatchMin how many writes must wait for a second batch to be written while one
   *     is; 0 for one batch at a time, in the order offered
   */
  Committer(String threadName, int maxBatchWeight, int parallelBatchMin) {
    this.threadName = threadName;
    this.maxBatchWeight = maxBatchWeight;
    this.parallelBatchMin = parallelBatchMin;
    this.maxInFlight = parallelBatchMin > 0 ? 2 : 1;
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
      if (committers.size() < maxInFlight) {
        Thread committer = EngineThreadFactory.named(threadName).newThread(this::commit);
        committers.add(committer);
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
      if (stopped || !pending.isEmpty() || batchesInFlight > 0 || writingAlone) {
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
    List<Thread> threads;
    synchronized (pending) {
      stopped = true;
      threads = List.copyOf(committers);
      pending.notifyAll();
    }
    for (Thread thread : threads) {
      if (thread != Thread.currentThread()) {
        try {
          thread.join(10_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
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
          batchesInFlight--;
          pending.notifyAll();
        }
      }
    }
  }

  /** The next batch, waiting for one; null once stopped with nothing pending. */
  private List<W> next() {
    synchronized (pending) {
      while (!mayTakeBatch()) {
        if (stopped && pending.isEmpty()) {
          committers.remove(Thread.currentThread());
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
      batchesInFlight++;
      return batch;
    }
  }

  /** Whether this thread may take a batch now; call holding the lock. */
  private boolean mayTakeBatch() {
    if (pending.isEmpty()) {
      return false;
    }
    if (batchesInFlight == 0) {
      return true;
    }
    // A caller writing alone counts: never more than two transactions at once.
    int inFlight = batchesInFlight + (writingAlone ? 1 : 0);
    return inFlight < maxInFlight && pending.size() >= parallelBatchMin;
  }
}
