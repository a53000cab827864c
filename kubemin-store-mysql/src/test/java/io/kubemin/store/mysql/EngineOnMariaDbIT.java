package io.kubemin.store.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.kubemin.KubeMin;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.render.Naming;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.JobStatus;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.WorkflowListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine on MariaDB: tasks run through the store and survive the engine that started them. */
class EngineOnMariaDbIT {
  private static final Duration AT_MOST = Duration.ofSeconds(60);

  private MariaDbDatabase database;
  private final List<AutoCloseable> opened = new ArrayList<>();

  @BeforeEach
  void createDatabase() {
    database = MariaDbDatabase.create();
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

  private MySqlDataStore openStore() {
    MySqlDataStore store =
        MySqlDataStore.open(database.mariaDbUrl(), MySqlSettings.builder().poolSize(4).build());
    opened.add(store);
    return store;
  }

  private KubeMin startEngine(
      String id, MySqlDataStore store, RecordingJobExecutor executor, List<TaskEvent> finished) {
    KubeMin kubemin =
        KubeMin.builder()
            .instanceId(id)
            .dataStore(store)
            .jobExecutor(executor)
            .maxConcurrentTasks(2)
            .taskLease(Duration.ofSeconds(2))
            .dispatchPollInterval(Duration.ofMillis(100))
            .claimIdle(Duration.ofMillis(200))
            .shutdownTimeout(Duration.ZERO)
            .listener(
                new WorkflowListener() {
                  @Override
                  public void taskFinished(TaskEvent event) {
                    finished.add(event);
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

  @Test
  void anApplicationIsDeployedAndItsTaskIsReadableFromAnotherStore() throws Exception {
    RecordingJobExecutor executor = new RecordingJobExecutor();
    KubeMin kubemin = startEngine("only", openStore(), executor, new CopyOnWriteArrayList<>());
    String appId = kubemin.createApplication(app("shop")).id();

    Task task = kubemin.awaitTask(kubemin.exec(appId), AT_MOST);

    assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
    MySqlDataStore other = openStore();
    assertThat(other.findTask(task.id())).contains(task);
    assertThat(other.listJobs(task.id()))
        .extracting(JobRecord::name, JobRecord::status)
        .containsExactly(tuple(Naming.deployment("web", appId), JobStatus.COMPLETED));
    assertThat(other.listComponents(appId))
        .extracting(ComponentRecord::name)
        .containsExactly("web");
  }

  @Test
  void tasksLeftByAClosedEngineAreResumedByTheNextOneAndEndExactlyOnce() throws Exception {
    RecordingJobExecutor stuck = new RecordingJobExecutor();
    List<TaskEvent> finishedOnFirst = new CopyOnWriteArrayList<>();
    KubeMin first = startEngine("first", openStore(), stuck, finishedOnFirst);
    List<String> taskIds = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String appId = first.createApplication(app("shop-" + i)).id();
      stuck.hold(Naming.deployment("web", appId));
      taskIds.add(first.exec(appId));
    }
    await().atMost(AT_MOST).until(() -> stuck.running() == 2);

    first.close();

    MySqlDataStore store = openStore();
    assertThat(taskIds)
        .extracting(id -> store.findTask(id).orElseThrow().status())
        .as("nothing ended: the running tasks were handed back, the rest still wait")
        .noneMatch(TaskStatus::terminal);
    List<TaskEvent> finishedOnSecond = new CopyOnWriteArrayList<>();
    KubeMin second = startEngine("second", store, new RecordingJobExecutor(), finishedOnSecond);
    List<Task> ended = new ArrayList<>();
    for (String taskId : taskIds) {
      ended.add(second.awaitTask(taskId, AT_MOST));
    }

    assertThat(ended).extracting(Task::status).containsOnly(TaskStatus.COMPLETED);
    assertThat(ended)
        .extracting(Task::attempt)
        .as("the two that were running were handed back as their next attempt")
        .containsExactlyInAnyOrder(2, 2, 1, 1, 1);
    assertThat(ended).extracting(Task::owner).containsOnly("second");
    assertThat(finishedOnFirst).isEmpty();
    // The event follows the durable write (group commit), so it may trail the store by a moment.
    await()
        .atMost(AT_MOST)
        .untilAsserted(
            () ->
                assertThat(finishedOnSecond)
                    .extracting(TaskEvent::taskId)
                    .containsExactlyInAnyOrderElementsOf(taskIds));
    for (Task task : ended) {
      assertThat(store.listJobs(task.id()))
          .as("one job record, written by the attempt that ended the task")
          .singleElement()
          .satisfies(job -> assertThat(job.attempt()).isEqualTo(task.attempt()));
    }
  }

  @Test
  void aTaskWhoseWorkerDiedIsTakenBackWhenItsLeaseEndsAndCompletesOnce() throws Exception {
    MySqlDataStore store = openStore();
    KubeMin engine =
        KubeMin.builder().dataStore(store).jobExecutor(new RecordingJobExecutor()).build();
    opened.add(engine);
    String appId = engine.createApplication(app("shop")).id();
    String taskId = engine.exec(appId);
    Task waiting = store.findTask(taskId).orElseThrow();
    Instant past = Instant.now().minusSeconds(60);
    Task orphan = waiting.withStatus(TaskStatus.RUNNING, past).withLease("ghost", past);
    assertThat(store.compareAndSet(taskId, TaskStatus.WAITING, 1, orphan)).isTrue();
    engine.close();

    List<TaskEvent> finished = new CopyOnWriteArrayList<>();
    KubeMin survivor = startEngine("survivor", store, new RecordingJobExecutor(), finished);
    Task task = survivor.awaitTask(taskId, AT_MOST);

    assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(task.attempt()).isEqualTo(2);
    assertThat(task.owner()).isEqualTo("survivor");
    await()
        .atMost(AT_MOST)
        .untilAsserted(
            () -> assertThat(finished).extracting(TaskEvent::taskId).containsExactly(taskId));
  }
}
