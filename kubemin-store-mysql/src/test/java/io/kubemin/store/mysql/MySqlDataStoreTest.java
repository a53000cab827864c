package io.kubemin.store.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.kubemin.Ids;
import io.kubemin.spi.ApplicationRecord;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.DataStoreException;
import io.kubemin.spi.Providers;
import io.kubemin.store.mysql.internal.JdbcUrls;
import io.kubemin.store.mysql.internal.SchemaMigrator;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the store does beyond the contract, on H2. */
class MySqlDataStoreTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static String memoryUrl() {
    return "jdbc:h2:mem:store_" + Ids.newId();
  }

  private static ApplicationRecord app(String id) {
    return new ApplicationRecord(
        id, "web", "default", "1.0.0", "", "", "", "", false, false, T0, T0);
  }

  @Test
  void theProviderOpensAStoreForAJdbcUri() {
    try (DataStore store = Providers.openDataStore(memoryUrl())) {
      assertThat(store).isInstanceOf(MySqlDataStore.class);
      assertThat(((MySqlDataStore) store).dialect()).isEqualTo(SqlDialect.H2);
    }
  }

  @Test
  void theProviderNamesMissingOrInvalidSettings() {
    MySqlDataStoreProvider provider = new MySqlDataStoreProvider();
    assertThat(provider.type()).isEqualTo("mysql");
    assertThatThrownBy(() -> provider.create(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'uri' is required");
    assertThatThrownBy(() -> provider.create(Map.of("uri", memoryUrl(), "poolSize", "many")))
        .hasMessageContaining("'poolSize' must be a whole number");
  }

  @Test
  void aUrlWithoutADriverNamesTheArtifactToAdd() {
    assertThatThrownBy(() -> MySqlDataStore.open("jdbc:postgresql://db/kubemin?password=s3cret"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no JDBC driver")
        .hasMessageContaining("password=****")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void aClaimPastThousandsOfTasksQueuedBehindAFullApplicationRanksThemAllAtOnce() {
    // More waiting tasks of one full application than a claim round walks window by window.
    try (MySqlDataStore store = MySqlDataStore.open(memoryUrl())) {
      Task running = Task.waiting(Ids.newId(), "busy", "wf", "deploy", T0.minusSeconds(1));
      store.insertTask(running, 0);
      store.compareAndSet(
          running.id(),
          TaskStatus.WAITING,
          1,
          running.withStatus(TaskStatus.RUNNING, T0).withLease("w", T0.plusSeconds(60)));
      for (int i = 0; i < 2_100; i++) {
        store.insertTask(Task.waiting(Ids.newId(), "busy", "wf", "deploy", T0.plusMillis(i)), 0);
      }
      Task quiet = Task.waiting(Ids.newId(), "quiet", "wf", "deploy", T0.plusSeconds(10));
      store.insertTask(quiet, 0);

      assertThat(store.claimWaiting(256, 1, T0.plusSeconds(20)))
          .extracting(Task::id)
          .containsExactly(quiet.id());
    }
  }

  @Test
  void dataInAFileDatabaseOutlivesTheStore(@TempDir Path directory) {
    String url = "jdbc:h2:file:" + directory.resolve("kubemin");
    String appId = Ids.newId();
    try (MySqlDataStore store = MySqlDataStore.open(url)) {
      store.putApplication(app(appId));
    }
    try (MySqlDataStore reopened = MySqlDataStore.open(url)) {
      assertThat(reopened.findApplication(appId)).contains(app(appId));
    }
  }

  @Test
  void aHostDataSourceIsUsedAndNeverClosed() {
    try (HikariDataSource host = new HikariDataSource()) {
      host.setJdbcUrl(memoryUrl() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
      host.setMaximumPoolSize(2);
      MySqlDataStore store = MySqlDataStore.open(host);
      store.putApplication(app(Ids.newId()));
      store.close();

      assertThat(host.isClosed()).isFalse();
      assertThat(MySqlDataStore.open(host).listApplications()).hasSize(1);
    }
  }

  @Test
  void anH2DatabaseOutsideMySqlModeIsRefused() {
    JdbcDataSource plain = new JdbcDataSource();
    plain.setURL(memoryUrl() + ";DB_CLOSE_DELAY=-1");

    assertThatThrownBy(() -> MySqlDataStore.open(plain))
        .isInstanceOf(DataStoreException.class)
        .hasMessageContaining("MODE=MySQL");
  }

  @Test
  void withoutMigrationTheStoreRequiresAnUpToDateSchema() {
    JdbcDataSource database = new JdbcDataSource();
    database.setURL(memoryUrl() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    MySqlSettings checkOnly = MySqlSettings.builder().migrate(false).build();

    assertThatThrownBy(() -> MySqlDataStore.open(database, checkOnly))
        .isInstanceOf(DataStoreException.class)
        .hasMessageContaining(
            "schema is at version 0 but this library needs " + SchemaMigrator.latestVersion());
    MySqlDataStore.open(database).close();
    MySqlDataStore.open(database, checkOnly).close();
  }

  @Test
  void aVersion1SchemaMigratesAndItsApplicationsKeepRollbackOff() throws Exception {
    String url = memoryUrl() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
    String appId = Ids.newId();
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute(script("V1__initial_schema.sql"));
      statement.execute(
          "CREATE TABLE min_schema_version (version INT NOT NULL PRIMARY KEY,"
              + " script VARCHAR(255) NOT NULL, installed_at DATETIME(3) NOT NULL)");
      statement.execute(
          "INSERT INTO min_schema_version VALUES (1, 'V1__initial_schema.sql', NOW())");
      statement.execute(
          "INSERT INTO min_applications (id, name, namespace, tmp_enable, created_at, updated_at)"
              + " VALUES ('"
              + appId
              + "', 'web', 'default', FALSE, NOW(), NOW())");
    }

    try (MySqlDataStore store = MySqlDataStore.open(url)) {
      assertThat(store.findApplication(appId))
          .hasValueSatisfying(a -> assertThat(a.rollbackOnFailure()).isFalse());
    }
    SchemaAssertions.assertMigratedOnce(url);
  }

  private static String script(String name) throws IOException {
    try (InputStream in =
        MySqlDataStoreTest.class
            .getClassLoader()
            .getResourceAsStream(SchemaMigrator.LOCATION + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aClosedStoreRefusesWork() {
    MySqlDataStore store = MySqlDataStore.open(memoryUrl());
    store.close();
    store.close();

    assertThatThrownBy(() -> store.findTask("x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the store is closed");
    assertThatThrownBy(() -> store.inTransaction(tx -> null))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aTransactionsStoreJoinsNestedTransactionsAndHasNothingToClose() {
    try (MySqlDataStore store = MySqlDataStore.open(memoryUrl())) {
      String appId = Ids.newId();
      store.inTransaction(
          tx -> {
            tx.close();
            tx.putApplication(app(appId));
            return tx.inTransaction(inner -> inner.findApplication(appId));
          });
      assertThat(store.findApplication(appId)).isPresent();
    }
  }

  @Test
  void aTaskIdCanBeInsertedOnlyOnce() {
    try (MySqlDataStore store = MySqlDataStore.open(memoryUrl())) {
      Task task = Task.waiting(Ids.newId(), Ids.newId(), "wf", "wf", T0);
      store.insertTask(task, 0);

      assertThatThrownBy(() -> store.insertTask(task, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("task " + task.id() + " already exists");
      assertThatThrownBy(() -> store.insertTask(task, 5))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aStartWaitsForAMigrationInProgressAndGivesUpAfterTheLockTimeout() throws Exception {
    String url = memoryUrl();
    MySqlDataStore.open(url).close();
    MySqlSettings impatient =
        MySqlSettings.builder().migrationLockTimeout(Duration.ofSeconds(1)).build();
    try (Connection migrating = DriverManager.getConnection(JdbcUrls.normalize(url));
        Statement statement = migrating.createStatement()) {
      migrating.setAutoCommit(false);
      statement.executeQuery("SELECT id FROM min_schema_lock WHERE id = 1 FOR UPDATE").close();

      assertThatThrownBy(() -> MySqlDataStore.open(url, impatient))
          .isInstanceOf(DataStoreException.class)
          .hasMessageContaining("another store has been migrating");

      migrating.rollback();
    }
    MySqlDataStore.open(url, impatient).close();
  }

  @Test
  void activeTasksOfAnApplicationAreListedOldestFirst() {
    try (MySqlDataStore store = MySqlDataStore.open(memoryUrl())) {
      String appId = Ids.newId();
      Task late = Task.waiting(Ids.newId(), appId, "wf", "wf", T0.plusSeconds(2));
      Task early = Task.waiting(Ids.newId(), appId, "wf", "wf", T0);
      Task ended = Task.waiting(Ids.newId(), appId, "wf", "wf", T0.plusSeconds(1));
      Task otherApp = Task.waiting(Ids.newId(), Ids.newId(), "wf", "wf", T0);
      for (Task task : List.of(late, early, ended, otherApp)) {
        store.insertTask(task, 0);
      }
      store.compareAndSet(
          ended.id(), TaskStatus.WAITING, 1, ended.withStatus(TaskStatus.COMPLETED, T0));

      assertThat(store.listActiveTasks(appId))
          .extracting(Task::id)
          .containsExactly(early.id(), late.id());
    }
  }
}
