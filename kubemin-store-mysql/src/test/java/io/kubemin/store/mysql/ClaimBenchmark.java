package io.kubemin.store.mysql;

import io.kubemin.Ids;
import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.spi.DataStore;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures compare-and-set claims per second (not a test: speed is never asserted). Each claim is
 * one conditional UPDATE in its own autocommit transaction.
 *
 * <p>Usage: {@code ClaimBenchmark <memory | jdbc-url> [tasks] [threads]}.
 */
public final class ClaimBenchmark {
  private ClaimBenchmark() {}

  /** Runs the benchmark and prints the figures. */
  public static void main(String[] args) throws Exception {
    String target = args.length > 0 ? args[0] : "memory";
    int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    try (DataStore store =
        target.equals("memory")
            ? new InMemoryDataStore()
            : MySqlDataStore.open(target, MySqlSettings.builder().poolSize(threads + 1).build())) {
      List<Task> waiting = insert(store, tasks);
      claim(store, waiting, 1, "1 thread ");
      claim(store, insert(store, tasks), threads, threads + " threads");
    }
  }

  private static List<Task> insert(DataStore store, int tasks) {
    Instant now = Instant.now();
    List<Task> created = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      created.add(Task.waiting(Ids.newId(), Ids.newId(), "wf", "wf", now.plusMillis(i)));
    }
    long start = System.nanoTime();
    store.inTransaction(
        tx -> {
          created.forEach(task -> tx.insertTask(task, 0));
          return null;
        });
    report("insert (one transaction)", tasks, start);
    return created;
  }

  private static void claim(DataStore store, List<Task> waiting, int threads, String label)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger won = new AtomicInteger();
    long start = System.nanoTime();
    ConcurrencyScenarios.race(
        threads,
        () -> {
          for (int i = next.getAndIncrement(); i < waiting.size(); i = next.getAndIncrement()) {
            Task task = waiting.get(i);
            Task queued = task.withStatus(TaskStatus.QUEUED, Instant.now()).withLease("w", null);
            if (store.compareAndSet(task.id(), TaskStatus.WAITING, 1, queued)) {
              won.incrementAndGet();
            }
          }
          return null;
        });
    report("claim, " + label, won.get(), start);
  }

  private static void report(String what, int count, long startNanos) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    System.out.printf(
        Locale.ROOT, "%-28s %6d in %6.2f s = %8.0f/s%n", what, count, seconds, count / seconds);
  }
}
