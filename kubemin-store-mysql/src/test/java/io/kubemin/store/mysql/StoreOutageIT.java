package io.kubemin.store.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kubemin.KubeMin;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.render.Naming;
import io.kubemin.spi.DataStoreException;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.testsupport.TcpProxy;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.WorkflowListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's MariaDB connections go through a {@link TcpProxy} that cuts or slows them (the
 * shared server itself stays up): tasks survive the outage, end once each, and the store-elected
 * leader steps down during it and leads again after.
 */
class StoreOutageIT {
  private static final Duration LEASE = Duration.ofMillis(1500);

  private MariaDbDatabase database;
  private TcpProxy proxy;
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final Map<String, AtomicInteger> finished = new ConcurrentHashMap<>();
  private final RecordingJobExecutor executor = new RecordingJobExecutor();

  @BeforeEach
  void start() {
    database = MariaDbDatabase.create();
    proxy = TcpProxy.start("127.0.0.1", 3306);
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    proxy.close();
    database.close();
  }

  private String proxiedUrl() {
    return "jdbc:mariadb://127.0.0.1:"
        + proxy.port()
        + "/"
        + database.name()
        + "?user=root&connectTimeout=1000&socketTimeout=3000";
  }

  private MySqlDataStore open(String url) {
    MySqlDataStore store =
        MySqlDataStore.open(
            url,
            MySqlSettings.builder().poolSize(4).connectionTimeout(Duration.ofSeconds(1)).build());
    opened.add(store);
    return store;
  }

  private KubeMin engine(MySqlDataStore store) {
    KubeMin kubemin =
        KubeMin.builder()
            .instanceId("engine-1")
            .dataStore(store)
            .jobExecutor(executor)
            .maxConcurrentTasks(4)
            .leaderLease(LEASE)
            .taskLease(Duration.ofSeconds(2))
            .dispatchPollInterval(Duration.ofMillis(100))
            .claimIdle(Duration.ofMillis(500))
            .shutdownTimeout(Duration.ZERO)
            .listener(
                new WorkflowListener() {
                  @Override
                  public void taskFinished(TaskEvent event) {
                    finished
                        .computeIfAbsent(event.taskId(), k -> new AtomicInteger())
                        .incrementAndGet();
                  }
                })
            .build();
    opened.add(kubemin);
    kubemin.start();
    return kubemin;
  }

  private static Application app(String name) {
    Component web = Component.builder().name("web").type("webservice").image("nginx:1.27").build();
    return Application.builder().name(name).components(List.of(web)).build();
  }

  private List<Task> awaitAll(MySqlDataStore direct, List<String> taskIds, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                taskIds.stream()
                    .allMatch(
                        id -> direct.findTask(id).map(t -> t.status().terminal()).orElse(false)));
    return taskIds.stream().map(id -> direct.findTask(id).orElseThrow()).toList();
  }

  @Test
  void tasksRunThroughADatabaseOutageAndEndOnceEach() throws Exception {
    MySqlDataStore store = open(proxiedUrl());
    MySqlDataStore direct = open(database.mariaDbUrl());
    KubeMin kubemin = engine(store);
    await().atMost(Duration.ofSeconds(5)).until(kubemin::isLeader);
    List<String> taskIds = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String appId = kubemin.createApplication(app("shop-" + i)).id();
      executor.delay(Naming.deployment("web", appId), Duration.ofMillis(400));
      taskIds.add(kubemin.exec(appId));
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> executor.started().size() >= 2);

    proxy.cut();
    long cutAt = System.nanoTime();
    await().atMost(LEASE.multipliedBy(2)).until(() -> !kubemin.isLeader());
    long steppedDownMs = (System.nanoTime() - cutAt) / 1_000_000;
    Thread.sleep(Math.max(0, 4_000 - steppedDownMs));
    proxy.restore();
    long restoredAt = System.nanoTime();
    await().atMost(Duration.ofSeconds(15)).until(kubemin::isLeader);
    long leadsAgainMs = (System.nanoTime() - restoredAt) / 1_000_000;

    List<Task> tasks = awaitAll(direct, taskIds, Duration.ofSeconds(90));
    long allDoneMs = (System.nanoTime() - restoredAt) / 1_000_000;
    System.out.printf(
        "database cut 4 s: leader stepped down after %d ms; after restore: leads again in %d ms,"
            + " all 12 tasks ended in %d ms%n",
        steppedDownMs, leadsAgainMs, allDoneMs);

    assertThat(tasks).extracting(Task::status).containsOnly(TaskStatus.COMPLETED);
    assertThat(taskIds)
        .allSatisfy(id -> assertThat(finished.get(id)).as("finished events of " + id).hasValue(1));
    // Two thirds of the lease after the last renewal, which was at most a third before the cut.
    assertThat(steppedDownMs).isLessThan(LEASE.toMillis());
  }

  @Test
  void anEngineStartedWhileTheDatabaseIsCutWorksOnceItIsBack() throws Exception {
    MySqlDataStore store = open(proxiedUrl());
    MySqlDataStore direct = open(database.mariaDbUrl());
    proxy.cut();

    KubeMin kubemin = engine(store);
    assertThatThrownBy(() -> kubemin.createApplication(app("early")))
        .isInstanceOf(DataStoreException.class);
    assertThat(kubemin.isLeader()).isFalse();

    proxy.restore();
    await().atMost(Duration.ofSeconds(10)).until(kubemin::isLeader);
    String appId = kubemin.createApplication(app("late")).id();
    List<Task> tasks = awaitAll(direct, List.of(kubemin.exec(appId)), Duration.ofSeconds(30));
    assertThat(tasks).extracting(Task::status).containsExactly(TaskStatus.COMPLETED);
  }

  @Test
  void openingAStoreOnACutDatabaseFailsFastNamingIt() {
    proxy.cut();
    long start = System.nanoTime();

    assertThatThrownBy(() -> open(proxiedUrl()))
        .isInstanceOf(DataStoreException.class)
        .hasMessageContaining("127.0.0.1:" + proxy.port());
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
  }

  @Test
  void aSlowDatabaseOnlySlowsTasksDown() throws Exception {
    MySqlDataStore store = open(proxiedUrl());
    MySqlDataStore direct = open(database.mariaDbUrl());
    KubeMin kubemin = engine(store);
    proxy.delay(Duration.ofMillis(20));
    List<String> taskIds = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      taskIds.add(kubemin.exec(kubemin.createApplication(app("slow-" + i)).id()));
    }

    List<Task> tasks = awaitAll(direct, taskIds, Duration.ofSeconds(60));

    assertThat(tasks).extracting(Task::status).containsOnly(TaskStatus.COMPLETED);
    assertThat(kubemin.isLeader()).isTrue();
  }
}
