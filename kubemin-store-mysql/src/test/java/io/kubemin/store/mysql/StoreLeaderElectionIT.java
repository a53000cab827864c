package io.kubemin.store.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubemin.KubeMin;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.DataStoreException;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.workflow.TaskStatus;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three engines on one MariaDB database and no LeaderElection given: they elect exactly one leader
 * through the store's lease row, and another takes over when the leader dies or closes.
 */
class StoreLeaderElectionIT {
  private static final Duration LEASE = Duration.ofMillis(1500);
  private static final Duration AT_MOST = Duration.ofSeconds(60);

  private MariaDbDatabase database;
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final List<Engine> engines = new ArrayList<>();

  /** One engine process: its own store, memory queue and executor; its store can be cut off. */
  private record Engine(KubeMin kubemin, RecordingJobExecutor executor, AtomicBoolean cut) {}

  @BeforeEach
  void start() {
    database = MariaDbDatabase.create();
    for (int i = 1; i <= 3; i++) {
      engines.add(startEngine("engine-" + i));
    }
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    if (database != null) {
      database.close();
    }
  }

  private Engine startEngine(String id) {
    MySqlDataStore store =
        MySqlDataStore.open(database.mariaDbUrl(), MySqlSettings.builder().poolSize(3).build());
    opened.add(store);
    AtomicBoolean cut = new AtomicBoolean();
    RecordingJobExecutor executor = new RecordingJobExecutor();
    KubeMin kubemin =
        KubeMin.builder()
            .instanceId(id)
            .dataStore(cuttable(store, cut))
            .jobExecutor(executor)
            .leaderLease(LEASE)
            .taskLease(Duration.ofSeconds(2))
            .dispatchPollInterval(Duration.ofMillis(100))
            .claimIdle(Duration.ofMillis(200))
            .shutdownTimeout(Duration.ZERO)
            .build();
    opened.add(kubemin);
    kubemin.start();
    return new Engine(kubemin, executor, cut);
  }

  /** A store that fails every call while {@code cut} is set, as when its network is down. */
  private static DataStore cuttable(DataStore target, AtomicBoolean cut) {
    return (DataStore)
        Proxy.newProxyInstance(
            DataStore.class.getClassLoader(),
            new Class<?>[] {DataStore.class},
            (proxy, method, args) -> {
              if (cut.get() && !method.getName().equals("close")) {
                throw new DataStoreException("cut off (test)", null);
              }
              try {
                return method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private List<Engine> leaders() {
    return engines.stream().filter(e -> e.kubemin().isLeader()).toList();
  }

  private Engine awaitOneLeader() {
    await().atMost(Duration.ofSeconds(10)).until(() -> leaders().size() == 1);
    return leaders().get(0);
  }

  /** Samples leadership every 5 ms for {@code duration}; fails at once on two leaders. */
  private void assertNeverTwoLeaders(Duration duration) throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      assertThat(leaders()).as("leaders at one instant").hasSizeLessThanOrEqualTo(1);
      Thread.sleep(5);
    }
  }

  private static Application app(String name) {
    Component web = Component.builder().name("web").type("webservice").image("nginx:1.27").build();
    return Application.builder().name(name).components(List.of(web)).build();
  }

  @Test
  void exactlyOneOfThreeLeadsAndDispatchesEveryTask() throws Exception {
    Engine leader = awaitOneLeader();
    assertNeverTwoLeaders(Duration.ofSeconds(2));
    assertThat(leaders()).containsExactly(leader);

    // Each engine has its own in-memory queue: whatever the leader dispatches runs on the leader.
    List<String> taskIds = new ArrayList<>();
    for (int i = 0; i < engines.size(); i++) {
      KubeMin via = engines.get(i).kubemin();
      String appId = via.createApplication(app("shop-" + i)).id();
      taskIds.add(via.exec(appId));
    }
    for (String taskId : taskIds) {
      assertThat(leader.kubemin().awaitTask(taskId, AT_MOST).status())
          .isEqualTo(TaskStatus.COMPLETED);
    }
    assertThat(leader.executor().started()).hasSize(3);
    engines.stream()
        .filter(e -> e != leader)
        .forEach(e -> assertThat(e.executor().started()).isEmpty());
  }

  @Test
  void whenTheLeaderLosesTheStoreAnotherLeadsWithinItsLeaseAndNeverBothAtOnce() throws Exception {
    Engine leader = awaitOneLeader();
    long cutAt = System.nanoTime();

    leader.cut().set(true);
    long deadline = cutAt + LEASE.toNanos() * 3;
    long steppedDown = 0;
    long newLeaderAt = 0;
    while (System.nanoTime() < deadline && newLeaderAt == 0) {
      List<Engine> now = leaders();
      assertThat(now).as("leaders at one instant").hasSizeLessThanOrEqualTo(1);
      if (steppedDown == 0 && !leader.kubemin().isLeader()) {
        steppedDown = System.nanoTime();
      }
      if (!now.isEmpty() && now.get(0) != leader) {
        newLeaderAt = System.nanoTime();
      }
      Thread.sleep(5);
    }

    assertThat(steppedDown).as("the cut-off leader stepped down").isPositive();
    assertThat(newLeaderAt).as("another engine took over").isPositive();
    long stepDownMs = (steppedDown - cutAt) / 1_000_000;
    long failoverMs = (newLeaderAt - cutAt) / 1_000_000;
    System.out.printf(
        "leader cut off: stepped down after %d ms, new leader after %d ms (lease %d ms)%n",
        stepDownMs, failoverMs, LEASE.toMillis());
    assertThat(stepDownMs).isLessThan(LEASE.toMillis());
    assertThat(failoverMs).isLessThan(LEASE.toMillis() + LEASE.toMillis() / 3 + 700);
    Engine next = leaders().get(0);
    assertNeverTwoLeaders(Duration.ofSeconds(1));

    // The new leader dispatches; when the old one's store comes back it does not lead again.
    String appId = next.kubemin().createApplication(app("after-failover")).id();
    assertThat(next.kubemin().awaitTask(next.kubemin().exec(appId), AT_MOST).status())
        .isEqualTo(TaskStatus.COMPLETED);
    leader.cut().set(false);
    assertNeverTwoLeaders(LEASE.multipliedBy(2));
    assertThat(leaders()).containsExactly(next);
  }

  @Test
  void aLeaderThatClosesHandsOverAtOnce() throws Exception {
    Engine leader = awaitOneLeader();
    long closedAt = System.nanoTime();

    leader.kubemin().close();

    await().atMost(LEASE).until(() -> leaders().size() == 1 && !leaders().contains(leader));
    long handoverMs = (System.nanoTime() - closedAt) / 1_000_000;
    System.out.printf("leader closed: new leader after %d ms%n", handoverMs);
    assertThat(handoverMs).isLessThan(LEASE.toMillis() / 3 + 500);
  }
}
