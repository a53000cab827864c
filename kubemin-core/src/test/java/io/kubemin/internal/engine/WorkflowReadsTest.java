package io.kubemin.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubemin.Ids;
import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.model.Step;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.DataStoreException;
import io.kubemin.spi.WorkflowRecord;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
 * Workflow listings on a store that prefers batches: the ones asked for while another is read share
 * the next read, each caller gets its own application's workflows, and a listing never comes from a
 * read that began before it was asked for.
 */
class WorkflowReadsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final InMemoryDataStore memory = new InMemoryDataStore();
  private final List<String> reads = new CopyOnWriteArrayList<>();
  private final CountDownLatch heldReadsMayEnd = new CountDownLatch(1);
  private final AtomicInteger sharedReadFailuresLeft = new AtomicInteger();
  private volatile int readsToHold;
  private final ExecutorService callers = Executors.newFixedThreadPool(8);
  private final GroupCommitStore store = new GroupCommitStore(recording(), "test");

  @AfterEach
  void stop() {
    heldReadsMayEnd.countDown();
    callers.shutdownNow();
    store.stop();
  }

  @Test
  void listingsAskedForWhileOthersAreReadShareTheNextRead() throws Exception {
    String a = applicationWithWorkflow();
    String b = applicationWithWorkflow();
    String c = applicationWithWorkflow();
    readsToHold = 2;
    List<Future<List<WorkflowRecord>>> held = List.of(listing(a), listing(b));
    await().atMost(Duration.ofSeconds(5)).until(() -> reads.size() == 2);

    List<String> asked = List.of(a, c, b, c, a);
    List<Future<List<WorkflowRecord>>> shared = new ArrayList<>();
    for (String appId : asked) {
      shared.add(listing(appId));
    }
    WaitingCallers.await(WorkflowReads.class, asked.size() + 2);
    heldReadsMayEnd.countDown();

    assertThat(held.get(0).get(5, TimeUnit.SECONDS)).isEqualTo(memory.listWorkflows(a));
    for (int i = 0; i < asked.size(); i++) {
      assertThat(shared.get(i).get(5, TimeUnit.SECONDS))
          .isEqualTo(memory.listWorkflows(asked.get(i)));
    }
    assertThat(reads).containsExactly("one", "many:1", "many:3");
  }

  @Test
  void aFailedSharedReadIsReadAgainListingByListing() throws Exception {
    String a = applicationWithWorkflow();
    String b = applicationWithWorkflow();
    sharedReadFailuresLeft.set(2);
    readsToHold = 1;
    Future<List<WorkflowRecord>> held = listing(a);
    await().atMost(Duration.ofSeconds(5)).until(() -> reads.size() == 1);
    Future<List<WorkflowRecord>> ofA = listing(a);
    Future<List<WorkflowRecord>> ofB = listing(b);
    heldReadsMayEnd.countDown();

    assertThat(held.get(5, TimeUnit.SECONDS)).isEqualTo(memory.listWorkflows(a));
    assertThat(ofA.get(5, TimeUnit.SECONDS)).isEqualTo(memory.listWorkflows(a));
    assertThat(ofB.get(5, TimeUnit.SECONDS)).isEqualTo(memory.listWorkflows(b));
  }

  @Test
  void aListingSeesWritesThatEndedBeforeItWasAskedForEvenWhileAnotherReadIsUnderWay()
      throws Exception {
    String appId = applicationWithWorkflow();
    readsToHold = 1;
    Future<List<WorkflowRecord>> underWay = listing(appId);
    await().atMost(Duration.ofSeconds(5)).until(() -> reads.size() == 1);
    WorkflowRecord added = workflow(appId, "added");
    memory.putWorkflow(added);

    List<WorkflowRecord> listed = store.listWorkflows(appId);
    heldReadsMayEnd.countDown();

    assertThat(listed).contains(added);
    assertThat(underWay.get(5, TimeUnit.SECONDS)).isNotNull();
  }

  private Future<List<WorkflowRecord>> listing(String appId) {
    return callers.submit(() -> store.listWorkflows(appId));
  }

  private String applicationWithWorkflow() {
    String appId = Ids.newId();
    memory.putWorkflow(workflow(appId, "deploy"));
    return appId;
  }

  private static WorkflowRecord workflow(String appId, String name) {
    Step step = Step.builder().name(name).components("web").build();
    return new WorkflowRecord(Ids.newId(), appId, name, null, List.of(step), T0, T0);
  }

  /** The in-memory store, recording each listing and holding or failing some. */
  private DataStore recording() {
    return (DataStore)
        Proxy.newProxyInstance(
            DataStore.class.getClassLoader(),
            new Class<?>[] {DataStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("listWorkflows")) {
                boolean shared = args[0] instanceof Collection<?>;
                reads.add(shared ? "many:" + ((Collection<?>) args[0]).size() : "one");
                if (reads.size() <= readsToHold) {
                  heldReadsMayEnd.await(10, TimeUnit.SECONDS);
                }
                if (shared && sharedReadFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                  throw new DataStoreException("the shared read failed");
                }
              }
              return invoke(method, args);
            });
  }

  private Object invoke(Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(memory, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
