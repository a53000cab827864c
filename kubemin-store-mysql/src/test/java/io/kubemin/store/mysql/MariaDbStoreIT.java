package io.kubemin.store.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemin.Ids;
import io.kubemin.spi.ApplicationRecord;
import io.kubemin.spi.DataStoreException;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dialect detection and text handling on the local MariaDB. */
class MariaDbStoreIT {
  private MariaDbDatabase database;

  @BeforeEach
  void createDatabase() {
    database = MariaDbDatabase.create();
  }

  @AfterEach
  void dropDatabase() {
    if (database != null) {
      database.close();
    }
  }

  @Test
  void bothDriversAreRecognisedAsMariaDb() {
    try (MySqlDataStore viaMariaDb = MySqlDataStore.open(database.mariaDbUrl());
        MySqlDataStore viaConnectorJ = MySqlDataStore.open(database.connectorJUrl())) {
      assertThat(viaMariaDb.dialect()).isEqualTo(SqlDialect.MARIADB);
      assertThat(viaConnectorJ.dialect()).isEqualTo(SqlDialect.MARIADB);
    }
  }

  @Test
  void fourByteCharactersAndMillisecondsSurviveEitherDriver() {
    Instant instant = Instant.parse("2026-03-29T01:30:00.123Z");
    ApplicationRecord app =
        new ApplicationRecord(
            Ids.newId(),
            "größe",
            "default",
            "1.0",
            "",
            "",
            "🚀 deploys",
            "",
            true,
            true,
            instant,
            instant);
    try (MySqlDataStore viaMariaDb = MySqlDataStore.open(database.mariaDbUrl());
        MySqlDataStore viaConnectorJ = MySqlDataStore.open(database.connectorJUrl())) {
      viaConnectorJ.putApplication(app);

      assertThat(viaMariaDb.findApplication(app.id())).contains(app);
      assertThat(viaConnectorJ.findApplication(app.id())).contains(app);
    }
  }

  @Test
  void aStartWaitsForAMigrationInProgressAndGivesUpAfterTheLockTimeout() throws Exception {
    MySqlSettings impatient =
        MySqlSettings.builder().migrationLockTimeout(Duration.ofSeconds(1)).build();
    try (Connection migrating = DriverManager.getConnection(database.mariaDbUrl());
        Statement statement = migrating.createStatement()) {
      statement
          .executeQuery("SELECT GET_LOCK('kubemin_schema_" + database.name() + "', 1)")
          .close();

      assertThatThrownBy(() -> MySqlDataStore.open(database.mariaDbUrl(), impatient))
          .isInstanceOf(DataStoreException.class)
          .hasMessageContaining("another store has been migrating");
    }
    MySqlDataStore.open(database.mariaDbUrl(), impatient).close();
  }

  @Test
  void aLongErrorTextEndsTheTaskLikeAShortOne() {
    try (MySqlDataStore store = MySqlDataStore.open(database.mariaDbUrl())) {
      Task task = Task.waiting(Ids.newId(), Ids.newId(), "wf", "wf", Instant.now());
      store.insertTask(task, 0);
      Task failed =
          task.withStatus(TaskStatus.FAILED, Instant.now()).withError("x".repeat(200_000));

      assertThat(store.compareAndSet(task.id(), TaskStatus.WAITING, 1, failed)).isTrue();
      assertThat(store.findTask(task.id()).orElseThrow().error()).hasSize(200_000);
    }
  }
}
