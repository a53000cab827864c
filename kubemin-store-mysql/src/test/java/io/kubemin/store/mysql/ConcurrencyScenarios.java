package io.kubemin.store.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.Ids;
import io.kubemin.spi.ApplicationRecord;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.NewTask;
import io.kubemin.spi.TaskInsertion;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Races between several stores on one database, run on every dialect. */
final class ConcurrencyScenarios {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final int CLAIM_WINDOW = 256;

  private ConcurrencyScenarios() {}

  /** Runs {@code work} on {@code threads} threads released at the same moment. */
  static <T> List<T> race(int threads, Callable<T> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return work.call();
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Four stores starting at once on one new database: all open, the schema is migrated once. */
  static List<MySqlDataStore> openConcurrently(Supplier<MySqlDataStore> open) throws Exception {
    List<MySqlDataStore> stores = race(4, open::get);
    assertThat(stores).hasSize(4).allSatisfy(store -> store.ping());
    return stores;
  }

  /**
   * Stores claim {@code count} waiting tasks by compare-and-set, concurrently: every task is
   * claimed exactly once, and the stored owner is the one whose write won.
   */
  static void everyTaskIsClaimedOnce(List<? extends DataStore> stores, int count) throws Exception {
    DataStore first = stores.get(0);
    first.inTransaction(
        tx -> {
          for (int i = 0; i < count; i++) {
            tx.insertTask(Task.waiting(Ids.newId(), Ids.newId(), "wf", "wf", T0.plusMillis(i)), 0);
          }
          return null;
        });
    Map<String, String> winners = new ConcurrentHashMap<>();
    AtomicInteger doubleClaims = new AtomicInteger();
    AtomicInteger next = new AtomicInteger();
    race(
        stores.size(),
        () -> {
          int index = next.getAndIncrement();
          claimUntilNoneWait(
              stores.get(index), index * CLAIM_WINDOW / stores.size(), winners, doubleClaims);
          return null;
        });

    assertThat(doubleClaims).hasValue(0);
    assertThat(winners).hasSize(count);
    assertThat(first.listTasksByStatus(TaskStatus.WAITING, 10)).isEmpty();
    List<Task> queued = first.listTasksByStatus(TaskStatus.QUEUED, count + 1);
    assertThat(queued).hasSize(count);
    assertThat(queued)
        .allSatisfy(task -> assertThat(task.owner()).isEqualTo(winners.get(task.id())));
  }

  /**
   * Claims from the oldest waiting tasks, starting at {@code offset} so that workers mostly try
   * different tasks; a lost race means the window is stale, so it is read again.
   */
  private static void claimUntilNoneWait(
      DataStore store, int offset, Map<String, String> winners, AtomicInteger doubleClaims) {
    String owner = "worker-at-" + offset;
    while (true) {
      List<Task> waiting = store.listTasksByStatus(TaskStatus.WAITING, CLAIM_WINDOW);
      if (waiting.isEmpty()) {
        return;
      }
      for (int i = 0; i < waiting.size(); i++) {
        Task task = waiting.get((offset + i) % waiting.size());
        Task claimed = task.withStatus(TaskStatus.QUEUED, T0).withLease(owner, T0.plusSeconds(60));
        if (!store.compareAndSet(task.id(), TaskStatus.WAITING, 1, claimed)) {
          break;
        }
        if (winners.putIfAbsent(task.id(), owner) != null) {
          doubleClaims.incrementAndGet();
        }
      }
    }
  }

  /**
   * Many stores insert tasks for one new application at once with a limit of one active task:
   * exactly one insert wins.
   */
  static void activeLimitHoldsUnderConcurrentInserts(List<? extends DataStore> stores)
      throws Exception {
    String appId = Ids.newId();
    AtomicInteger next = new AtomicInteger();
    List<Boolean> inserted =
        race(
            stores.size() * 2,
            () -> {
              DataStore store = stores.get(next.getAndIncrement() % stores.size());
              return store.insertTask(Task.waiting(Ids.newId(), appId, "wf", "wf", T0), 1);
            });

    assertThat(inserted).containsOnlyOnce(true);
    assertThat(stores.get(0).listTasks(appId)).hasSize(1);
  }

  /**
   * Many stores insert batches of execs at once, each batch with one task of each of the same
   * applications in its own order, with a limit of one active task: no batch fails (their row locks
   * are taken in one order), and each application gets exactly one task.
   */
  static void activeLimitHoldsUnderConcurrentExecBatches(List<? extends DataStore> stores)
      throws Exception {
    List<String> apps = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      apps.add(newApplication(stores.get(0)));
    }
    AtomicInteger next = new AtomicInteger();
    List<List<TaskInsertion>> outcomes =
        race(
            stores.size() * 2,
            () -> {
              int racer = next.getAndIncrement();
              List<String> order = new ArrayList<>(apps);
              java.util.Collections.rotate(order, racer);
              if (racer % 2 == 1) {
                java.util.Collections.reverse(order);
              }
              List<NewTask> batch = new ArrayList<>();
              for (String appId : order) {
                batch.add(new NewTask(Task.waiting(Ids.newId(), appId, "wf", "wf", T0), 1, null));
              }
              return stores.get(racer % stores.size()).insertTasksOfApplications(batch);
            });

    assertThat(outcomes.stream().flatMap(List::stream).filter(TaskInsertion.INSERTED::equals))
        .hasSize(apps.size());
    for (String appId : apps) {
      assertThat(stores.get(0).listTasks(appId)).as("tasks of %s", appId).hasSize(1);
    }
  }

  /**
   * Execs and plain inserts within a limit of one race for one application (25 times): they take
   * the same lock, so exactly one task is inserted each time.
   */
  static void activeLimitHoldsBetweenExecsAndPlainInserts(List<? extends DataStore> stores)
      throws Exception {
    for (int round = 0; round < 25; round++) {
      String appId = newApplication(stores.get(0));
      AtomicInteger next = new AtomicInteger();
      List<Boolean> inserted =
          race(
              stores.size() * 4,
              () -> {
                int racer = next.getAndIncrement();
                DataStore store = stores.get(racer % stores.size());
                Task task = Task.waiting(Ids.newId(), appId, "wf", "wf", T0);
                return racer % 2 == 0
                    ? store.insertTask(task, 1)
                    : store.insertTaskOfApplication(task, 1, null) == TaskInsertion.INSERTED;
              });

      assertThat(inserted).as("round %d", round).containsOnlyOnce(true);
      assertThat(stores.get(0).listTasks(appId)).hasSize(1);
    }
  }

  /** Puts a new application; returns its id. */
  private static String newApplication(DataStore store) {
    String appId = Ids.newId();
    store.putApplication(
        new ApplicationRecord(
            appId, "app-" + appId, "default", "1.0.0", "", "", "", "", true, true, T0, T0));
    return appId;
  }
}
