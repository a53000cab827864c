package io.kubemin.store.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubemin.ExecOptions;
import io.kubemin.KubeMin;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.testsupport.FaultyStore;
import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine on MariaDB while the store keeps failing writes (every third job record, every fourth
 * final write, heartbeats): every task completes, and with every job record of the attempt that
 * completed it.
 */
class JobRecordDurabilityIT {
  private static final int TASKS = 40;
  private static final int JOBS = 10;

  private MariaDbDatabase database;
  private MySqlDataStore store;
  private KubeMin kubemin;

  @BeforeEach
  void open() {
    database = MariaDbDatabase.create();
    store = MySqlDataStore.open(database.mariaDbUrl(), MySqlSettings.builder().poolSize(4).build());
  }

  @AfterEach
  void close() {
    if (kubemin != null) {
      kubemin.close();
    }
    store.close();
    database.close();
  }

  @Test
  void tasksCompleteOnlyWithEveryJobRecordWhileTheStoreFailsWrites() {
    FaultyStore faults = FaultyStore.over(store);
    AtomicInteger records = new AtomicInteger();
    AtomicInteger ends = new AtomicInteger();
    AtomicInteger batches = new AtomicInteger();
    faults.when(c -> c.is("insertJob") && records.incrementAndGet() % 3 == 0).fail();
    // on MariaDB the engine writes records and final states in batches (group commit)
    // (only batches carrying job records or final states: starts and renewals are not this test's)
    faults
        .when(
            c ->
                c.is("writeBatch")
                    && carriesResults(c.arg(0), c.arg(1))
                    && batches.incrementAndGet() % 3 == 0)
        .fail();
    faults
        .when(
            c ->
                c.is("compareAndSet")
                    && ((Task) c.arg(3)).status().terminal()
                    && ends.incrementAndGet() % 4 == 0)
        .fail();
    kubemin =
        KubeMin.builder()
            .instanceId("durable")
            .dataStore(faults.store())
            .jobExecutor(new RecordingJobExecutor())
            .maxConcurrentTasks(4)
            .maxActiveTasksPerApp(0)
            .taskLease(Duration.ofSeconds(2))
            .dispatchPollInterval(Duration.ofMillis(100))
            .shutdownTimeout(Duration.ZERO)
            .build();
    kubemin.start();
    List<Component> components =
        IntStream.range(0, JOBS)
            .mapToObj(
                i ->
                    Component.builder()
                        .name("web" + i)
                        .type("webservice")
                        .image("nginx:1.27")
                        .build())
            .toList();
    String appId =
        kubemin
            .createApplication(Application.builder().name("shop").components(components).build())
            .id();
    List<String> taskIds = new ArrayList<>();
    for (int i = 0; i < TASKS; i++) {
      taskIds.add(kubemin.exec(appId, ExecOptions.defaults()));
    }

    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                taskIds.stream()
                    .allMatch(id -> store.findTask(id).orElseThrow().status().terminal()));

    // How many faults land depends on how the engine batches its writes (one group-commit lane
    // writes fewer, larger batches); what matters is that several did.
    assertThat(faults.injected()).isGreaterThanOrEqualTo(5);
    for (String id : taskIds) {
      Task task = store.findTask(id).orElseThrow();
      assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(store.listJobs(id))
          .filteredOn(r -> r.attempt() == task.attempt())
          .extracting(JobRecord::name)
          .as("job records of task %s attempt %d", id, task.attempt())
          .hasSize(JOBS)
          .doesNotHaveDuplicates();
    }
  }

  private static boolean carriesResults(Object changes, Object jobs) {
    return !((List<?>) jobs).isEmpty()
        || ((List<?>) changes)
            .stream().anyMatch(c -> ((io.kubemin.spi.TaskChange) c).next().status().terminal());
  }
}
