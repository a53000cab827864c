package io.kubemin.store.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubemin.KubeMin;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.store.mysql.internal.JdbcUrls;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.workflow.TaskStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/** What the schema migration scenarios do besides migrating: run engines, await tasks, edit SQL. */
final class MigrationSteps {
  private static final Component WEB =
      Component.builder().name("web").type("webservice").image("nginx:1.27").build();

  private MigrationSteps() {}

  /** The application the scenarios store: "shop", one web service on nginx 1.27. */
  static Application shop() {
    return Application.builder().name("shop").components(List.of(WEB)).build();
  }

  /** The stored "shop" application again, its web service on {@code image}. */
  static Application shop(String appId, String image) {
    return shop().toBuilder()
        .id(appId)
        .components(List.of(WEB.toBuilder().image(image).build()))
        .build();
  }

  /** A started engine on the store, with jobs that only record themselves. */
  static KubeMin engine(MySqlDataStore store) {
    KubeMin kubemin =
        KubeMin.builder()
            .dataStore(store)
            .jobExecutor(new RecordingJobExecutor())
            .shutdownTimeout(Duration.ZERO)
            .build();
    kubemin.start();
    return kubemin;
  }

  /** Waits until the task ended, and checks that it completed. */
  static void awaitCompleted(KubeMin kubemin, String taskId) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> kubemin.task(taskId).status().terminal());
    assertThat(kubemin.task(taskId).status()).isEqualTo(TaskStatus.COMPLETED);
  }

  /** Runs the statements on a connection of its own, as a DBA would. */
  static void execute(String url, String... statements) throws SQLException {
    try (Connection connection = DriverManager.getConnection(JdbcUrls.normalize(url));
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
