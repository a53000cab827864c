package io.kubemin.store.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.KubeMin;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.Step;
import io.kubemin.render.Naming;
import io.kubemin.store.mysql.internal.JdbcUrls;
import io.kubemin.testing.ManualClock;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.TaskSuspension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A database of the schema before version 8, with tasks in it, migrates to version 8 (approval
 * gates): its rows stay; then a task suspended by one engine is resumed and completed by another
 * after the first closed, and a suspend deadline that passed while no engine was up ends its task
 * when one starts.
 */
final class SuspensionMigration {
  private static final Component DB =
      Component.builder().name("db").type("webservice").image("mariadb:11").build();
  private static final Component WEB =
      Component.builder().name("web").type("webservice").image("nginx:1.27").build();

  private final String url;
  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T10:00:00Z"));
  private final RecordingJobExecutor executor = new RecordingJobExecutor();

  private SuspensionMigration(String url) {
    this.url = url;
  }

  static void run(String url) throws SQLException {
    new SuspensionMigration(url).run();
  }

  private void run() throws SQLException {
    String plainApp;
    String oldTask;
    String waitingTask;
    try (MySqlDataStore store = MySqlDataStore.open(url);
        KubeMin kubemin = engine(store)) {
      plainApp =
          kubemin
              .createApplication(Application.builder().name("plain").components(WEB).build())
              .id();
      oldTask = kubemin.exec(plainApp);
      await(kubemin, oldTask, TaskStatus.COMPLETED);
    }
    // Back to the schema before version 8: what version 8 added is removed, the data stays; one
    // more task
    // waits, as an instance that was stopped during a deploy leaves it.
    execute("DROP TABLE min_task_suspensions", "DELETE FROM min_schema_version WHERE version = 8");
    try (MySqlDataStore store = MySqlDataStore.open(url);
        KubeMin api = KubeMin.builder().dataStore(store).roles(io.kubemin.spi.Role.API).build()) {
      waitingTask = api.exec(plainApp);
    }

    String gatedApp;
    String gatedTask;
    try (MySqlDataStore store = MySqlDataStore.open(url);
        KubeMin first = engine(store)) {
      SchemaAssertions.assertMigratedOnce(url);
      assertThat(first.task(oldTask).status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(first.suspensions(oldTask)).isEmpty();
      await(first, waitingTask, TaskStatus.COMPLETED);

      gatedApp = first.createApplication(gated(null)).id();
      gatedTask = first.exec(gatedApp);
      Task suspended = await(first, gatedTask, TaskStatus.SUSPENDED);
      assertThat(suspended.owner()).isNull();
      assertThat(first.suspensions(gatedTask))
          .extracting(TaskSuspension::step, TaskSuspension::stepsDone)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("approve", List.of("database")));
    }

    try (MySqlDataStore store = MySqlDataStore.open(url);
        KubeMin second = engine(store)) {
      assertThat(second.task(gatedTask).status()).isEqualTo(TaskStatus.SUSPENDED);
      second.resume(gatedTask, "alice");
      await(second, gatedTask, TaskStatus.COMPLETED);
      assertThat(executor.started(Naming.deployment("db", gatedApp))).isEqualTo(1);
      assertThat(executor.started(Naming.deployment("web", gatedApp))).isEqualTo(1);
      assertThat(second.suspensions(gatedTask).get(0).resumedBy()).isEqualTo("alice");

      String timed = second.createApplication(gated("10m").toBuilder().name("timed").build()).id();
      String timedTask = second.exec(timed);
      assertThat(await(second, timedTask, TaskStatus.SUSPENDED).deadline())
          .isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
      second.close();
      clock.advance(Duration.ofMinutes(30));
      try (MySqlDataStore again = MySqlDataStore.open(url);
          KubeMin third = engine(again)) {
        Task ended = await(third, timedTask, TaskStatus.TIMEOUT);
        assertThat(ended.error()).contains("suspend step 'approve' was not resumed");
        assertThat(executor.started(Naming.deployment("web", timed))).isZero();
      }
    }
  }

  private static Application gated(String timeout) {
    return Application.builder()
        .name("gated")
        .components(DB, WEB)
        .workflow(
            Step.builder().name("database").components("db").build(),
            Step.builder()
                .name("approve")
                .type(Step.TYPE_SUSPEND)
                .message("look at the migration")
                .timeout(timeout)
                .build(),
            Step.builder().name("frontend").components("web").build())
        .build();
  }

  private KubeMin engine(MySqlDataStore store) {
    KubeMin kubemin =
        KubeMin.builder()
            .dataStore(store)
            .jobExecutor(executor)
            .clock(clock)
            .dispatchPollInterval(Duration.ofMillis(50))
            .shutdownTimeout(Duration.ZERO)
            .build();
    kubemin.start();
    return kubemin;
  }

  private static Task await(KubeMin kubemin, String taskId, TaskStatus status) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> kubemin.task(taskId).status() == status);
    return kubemin.task(taskId);
  }

  private void execute(String... statements) throws SQLException {
    try (Connection connection = DriverManager.getConnection(JdbcUrls.normalize(url));
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
