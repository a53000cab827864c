package io.kubemin.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kubemin.Ids;
import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.spi.ApplicationRecord;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.DataStoreException;
import io.kubemin.spi.TaskInsertion;
import io.kubemin.workflow.Task;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Execs on a store that prefers batches share transactions: the ones that arrive while a batch is
 * written go together in the next, and each caller still learns its own outcome, also when the
 * batch fails.
 */
class ExecBatcherTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final InMemoryDataStore memory = new InMemoryDataStore();
  private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
  private final CountDownLatch heldWritesMayEnd = new CountDownLatch(1);
  private final AtomicInteger batchFailuresLeft = new AtomicInteger();
  private volatile boolean batchCommitsThenFails;
  private volatile boolean holdTwoWrites;
  private final ExecutorService callers = Executors.newFixedThreadPool(12);
  private final GroupCommitStore store = new GroupCommitStore(recording(), "test");

  @AfterEach
  void stop() {
    heldWritesMayEnd.countDown();
    callers.shutdownNow();
    store.stop();
  }

  @Test
  void execsArrivingWhileABatchIsWrittenShareTheNextTransaction() throws Exception {
    String appId = application();
    List<Future<TaskInsertion>> held = twoExecsHeldInTheStore(appId);
    List<Task> later = tasks(appId, 10);
    List<Future<TaskInsertion>> outcomes = execBehindTheHeldOnes(later);

    assertAllInserted(held);
    assertAllInserted(outcomes);
    assertThat(batchSizes)
        .as("one alone, one by the committer, then the rest")
        .containsExactly(1, 1, 10);
    assertThat(memory.listTasks(appId)).hasSize(12).containsAll(later);
  }

  @Test
  void eachExecOfABatchLearnsItsOwnOutcome() throws Exception {
    String limited = application();
    Task active = task(limited);
    memory.insertTask(active, 0);
    Task existing = task(application());
    memory.insertTask(existing, 0);
    List<Future<TaskInsertion>> held = twoExecsHeldInTheStore(application());

    Task fresh = task(application());
    Future<TaskInsertion> inserted = callers.submit(() -> exec(fresh, 1));
    Future<TaskInsertion> overLimit = callers.submit(() -> exec(task(limited), 1));
    Future<TaskInsertion> missing = callers.submit(() -> exec(task("missing-" + Ids.newId()), 1));
    Future<TaskInsertion> duplicate = callers.submit(() -> exec(existing, 0));
    releaseTheHeldOnesOnce(4);

    assertAllInserted(held);
    assertThat(inserted.get(5, TimeUnit.SECONDS)).isEqualTo(TaskInsertion.INSERTED);
    assertThat(overLimit.get(5, TimeUnit.SECONDS)).isEqualTo(TaskInsertion.LIMIT_REACHED);
    assertThat(missing.get(5, TimeUnit.SECONDS)).isEqualTo(TaskInsertion.APPLICATION_MISSING);
    assertThatThrownBy(() -> duplicate.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalArgumentException.class);
    assertThat(memory.findTask(fresh.id())).contains(fresh);
    assertThat(memory.listTasks(limited)).containsExactly(active);
  }

  @Test
  void aFailedBatchIsWrittenAgainOneExecAtATime() throws Exception {
    String appId = application();
    batchFailuresLeft.set(1);
    List<Future<TaskInsertion>> held = twoExecsHeldInTheStore(appId);
    List<Future<TaskInsertion>> outcomes = execBehindTheHeldOnes(tasks(appId, 5));

    assertAllInserted(held);
    assertAllInserted(outcomes);
    assertThat(batchSizes).containsExactly(1, 1, 5, 1, 1, 1, 1, 1);
    assertThat(memory.listTasks(appId)).hasSize(7);
  }

  @Test
  void aBatchWhoseCommitReachedNoOneStillReportsItsExecsInserted() throws Exception {
    String appId = application();
    batchCommitsThenFails = true;
    List<Future<TaskInsertion>> held = twoExecsHeldInTheStore(appId);
    List<Future<TaskInsertion>> outcomes = execBehindTheHeldOnes(tasks(appId, 3));

    assertAllInserted(held);
    assertAllInserted(outcomes);
    assertThat(memory.listTasks(appId)).hasSize(5);
  }

  @Test
  void afterACrashExecsFailAndAfterAStopTheyGoStraightToTheStore() {
    String appId = application();
    assertThat(exec(task(appId), 0)).isEqualTo(TaskInsertion.INSERTED);
    store.stop();
    assertThat(exec(task(appId), 0)).isEqualTo(TaskInsertion.INSERTED);
    assertThat(batchSizes).containsExactly(1, 1);

    GroupCommitStore crashed = new GroupCommitStore(memory, "crashed");
    crashed.crash();
    Task task = task(appId);
    assertThatThrownBy(() -> crashed.insertTaskOfApplication(task, 0, null))
        .isInstanceOf(DataStoreException.class)
        .hasMessageContaining("crash");
    assertThat(memory.findTask(task.id())).isEmpty();
  }

  /**
   * Two execs whose writes the store holds until {@link #releaseTheHeldOnesOnce}: the first writes
   * alone on its own thread, the second goes to the committer, which it keeps busy.
   */
  private List<Future<TaskInsertion>> twoExecsHeldInTheStore(String appId) {
    holdTwoWrites = true;
    List<Future<TaskInsertion>> held = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      held.add(callers.submit(() -> exec(task(appId), 0)));
      int writes = i;
      await().atMost(Duration.ofSeconds(5)).until(() -> batchSizes.size() == writes);
    }
    return held;
  }

  /** Execs of these tasks (no limit) while the held writes wait, then releases them. */
  private List<Future<TaskInsertion>> execBehindTheHeldOnes(List<Task> tasks) {
    List<Future<TaskInsertion>> outcomes = new ArrayList<>();
    for (Task task : tasks) {
      outcomes.add(callers.submit(() -> exec(task, 0)));
    }
    releaseTheHeldOnesOnce(tasks.size());
    return outcomes;
  }

  /** Releases the held writes once {@code waiting} more execs wait for the next batch. */
  private void releaseTheHeldOnesOnce(int waiting) {
    WaitingCallers.await(ExecBatcher.class, waiting + 2);
    heldWritesMayEnd.countDown();
  }

  private static void assertAllInserted(List<Future<TaskInsertion>> outcomes) throws Exception {
    for (Future<TaskInsertion> outcome : outcomes) {
      assertThat(outcome.get(5, TimeUnit.SECONDS)).isEqualTo(TaskInsertion.INSERTED);
    }
  }

  private static List<Task> tasks(String appId, int count) {
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tasks.add(task(appId));
    }
    return tasks;
  }

  private TaskInsertion exec(Task task, int limit) {
    return store.insertTaskOfApplication(task, limit, null);
  }

  private String application() {
    String id = Ids.newId();
    memory.putApplication(
        new ApplicationRecord(
            id,
            "app-" + id.substring(0, 4),
            "default",
            "1.0.0",
            "",
            "",
            "",
            "",
            true,
            true,
            T0,
            T0));
    return id;
  }

  private static Task task(String appId) {
    return Task.waiting(Ids.newId(), appId, "wf", "workflow", T0);
  }

  /** The in-memory store, recording the size of each write and failing or holding some. */
  private DataStore recording() {
    return (DataStore)
        Proxy.newProxyInstance(
            DataStore.class.getClassLoader(),
            new Class<?>[] {DataStore.class},
            (proxy, method, args) -> {
              String name = method.getName();
              if (name.equals("insertTaskOfApplication")
                  || name.equals("insertTasksOfApplications")) {
                int size = name.equals("insertTaskOfApplication") ? 1 : ((List<?>) args[0]).size();
                batchSizes.add(size);
                if (holdTwoWrites && batchSizes.size() <= 2) {
                  heldWritesMayEnd.await(10, TimeUnit.SECONDS);
                }
                if (size > 1 && batchFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                  throw new DataStoreException("the batch failed");
                }
                if (size > 1 && batchCommitsThenFails) {
                  invoke(method, args);
                  throw new DataStoreException("the connection broke after the commit");
                }
              }
              return invoke(method, args);
            });
  }

  private Object invoke(java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(memory, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
