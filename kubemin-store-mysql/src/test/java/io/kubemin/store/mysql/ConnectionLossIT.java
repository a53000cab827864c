package io.kubemin.store.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemin.Ids;
import io.kubemin.spi.ApplicationRecord;
import io.kubemin.spi.DataStoreException;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Connections killed by the server: operations fail with {@link DataStoreException} only, the pool
 * replaces the dead connections, and the data written before is intact.
 */
class ConnectionLossIT {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private MariaDbDatabase database;
  private MySqlDataStore store;

  @BeforeEach
  void open() {
    database = MariaDbDatabase.create();
    store = MySqlDataStore.open(database.mariaDbUrl(), MySqlSettings.builder().poolSize(3).build());
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
    if (database != null) {
      database.close();
    }
  }

  /** Kills every server connection to the test database, as a failover or restart would. */
  private void killConnections() throws SQLException {
    List<String> ids =
        SchemaAssertions.query(
            "jdbc:mariadb://" + MariaDbDatabase.SERVER + "/?user=root",
            "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '" + database.name() + "'");
    assertThat(ids).isNotEmpty();
    for (String id : ids) {
      MariaDbDatabase.execute("KILL " + id);
    }
  }

  @Test
  void operationsAfterKilledConnectionsFailOnlyWithDataStoreExceptionThenSucceed()
      throws Exception {
    Task task = Task.waiting(Ids.newId(), Ids.newId(), "wf", "wf", T0);
    store.insertTask(task, 1);

    killConnections();

    Task queued = task.withStatus(TaskStatus.QUEUED, T0.plusSeconds(1));
    assertThat(retried(() -> store.compareAndSet(task.id(), TaskStatus.WAITING, 1, queued)))
        .isTrue();
    assertThat(store.findTask(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
  }

  /**
   * Runs {@code operation} as the engine does: again after a {@link DataStoreException}, a bounded
   * number of times (each dead pooled connection fails one call before the pool drops it).
   */
  private static <T> T retried(Supplier<T> operation) {
    for (int attempt = 1; ; attempt++) {
      try {
        return operation.get();
      } catch (DataStoreException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  @Test
  void aTransactionWhoseConnectionDiesWritesNothingAndCanRunAgain() {
    String appId = Ids.newId();
    ApplicationRecord app =
        new ApplicationRecord(
            appId, "web", "default", "1.0.0", "", "", "", "", false, false, T0, T0);

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.putApplication(app);
                      try {
                        killConnections();
                      } catch (SQLException e) {
                        throw new IllegalStateException(e);
                      }
                      tx.insertTask(Task.waiting(Ids.newId(), appId, "wf", "wf", T0), 1);
                      return null;
                    }))
        .isInstanceOf(DataStoreException.class);

    assertThat(retried(() -> store.findApplication(appId))).isEmpty();
    retried(
        () ->
            store.inTransaction(
                tx -> {
                  tx.putApplication(app);
                  return tx.insertTask(Task.waiting(Ids.newId(), appId, "wf", "wf", T0), 1);
                }));
    assertThat(store.findApplication(appId)).contains(app);
    assertThat(store.listTasks(appId)).hasSize(1);
  }

  @Test
  void aDatabaseThatLostItsTablesFailsWithDataStoreException() {
    MariaDbDatabase.execute("DROP TABLE " + database.name() + ".min_workflow_queue");

    assertThatThrownBy(() -> store.findTask("any"))
        .isInstanceOf(DataStoreException.class)
        .hasMessageStartingWith("cannot find task any: ")
        .hasMessageContaining("min_workflow_queue");
  }
}
