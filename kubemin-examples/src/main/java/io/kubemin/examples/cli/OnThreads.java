package io.kubemin.examples.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a benchmark's calls on a pool of its own and waits for all of them. */
final class OnThreads {
  private OnThreads() {}

  /**
   * Runs the calls on {@code threads} threads (at least one) and returns their results in order.
   *
   * @throws IllegalStateException carrying the first call's failure
   */
  static <T> List<T> callAll(int threads, List<Callable<T>> calls) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<T>> futures = new ArrayList<>(calls.size());
      for (Callable<T> call : calls) {
        futures.add(pool.submit(call));
      }
      List<T> results = new ArrayList<>(calls.size());
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
