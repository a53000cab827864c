package io.kubemin.queue.redis;

import static org.awaitility.Awaitility.await;

import io.kubemin.KubeMin;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.Properties;
import io.kubemin.spi.Role;
import io.kubemin.store.mysql.MySqlDataStore;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.workflow.Task;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shared parts of a distributed test: one Redis (keys of the test's own), one MariaDB database,
 * the journal, and an API-only engine instance that creates applications and tasks and reads their
 * state, while {@link EngineNode}s (in this JVM or in child processes) run them.
 */
final class TaskFleet implements AutoCloseable {
  private static final int APPS = 10;

  final TestRedis redis;
  final Journal journal;
  final EngineNode.Config config;
  private final TestDatabase database;
  private final MySqlDataStore store;
  private final RedisQueue queue;
  private final KubeMin api;
  private final List<String> apps = new ArrayList<>();

  private TaskFleet(
      TestRedis redis,
      TestDatabase database,
      Duration jobTime,
      Duration lease,
      Duration claimIdle) {
    this.redis = redis;
    this.database = database;
    String prefix = redis.settings().prefix();
    this.journal = new Journal(prefix);
    this.config = new EngineNode.Config("-", prefix, database.url(), jobTime, lease, claimIdle);
    // Opening the store here creates the schema once, before any node starts.
    this.store = MySqlDataStore.open(database.url());
    this.queue = redis.newQueue();
    this.api =
        KubeMin.builder()
            .instanceId("api")
            .roles(Role.API)
            .dataStore(store)
            .queue(queue)
            .jobExecutor(new RecordingJobExecutor())
            .maxActiveTasksPerApp(0)
            .build();
    api.start();
    for (int i = 0; i < APPS; i++) {
      apps.add(api.createApplication(application(i)).id());
    }
  }

  /** Skips (or fails, when services are required) unless Redis and MariaDB answer. */
  static TaskFleet open(Duration jobTime, Duration lease, Duration claimIdle) throws SQLException {
    TestRedis redis = TestRedis.open();
    try {
      return new TaskFleet(redis, TestDatabase.create(), jobTime, lease, claimIdle);
    } catch (RuntimeException | SQLException | Error e) {
      redis.close();
      throw e;
    }
  }

  /** Creates tasks, spread over the applications. */
  List<String> exec(int tasks) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      ids.add(api.exec(apps.get(i % apps.size())));
    }
    return ids;
  }

  /** How many tasks ended so far, as the journal saw it. */
  long finished() {
    return journal.events().stream().filter(e -> e.kind().equals(Journal.TASK_FINISHED)).count();
  }

  /** Waits until every task is in a terminal state in the store; returns them. */
  List<Task> awaitAllEnded(List<String> taskIds, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> tasks(taskIds).stream().allMatch(t -> t.status().terminal()));
    return tasks(taskIds);
  }

  private List<Task> tasks(List<String> taskIds) {
    List<Task> all = new ArrayList<>();
    for (String appId : apps) {
      all.addAll(api.tasks(appId));
    }
    return all.stream().filter(t -> taskIds.contains(t.id())).toList();
  }

  @Override
  public void close() throws SQLException {
    try {
      api.close();
      queue.close();
      store.close();
      journal.delete();
      journal.close();
    } finally {
      database.close();
      redis.close();
    }
  }

  private static Application application(int index) {
    Component config =
        Component.builder()
            .name("settings")
            .type("config")
            .properties(Properties.builder().conf(Map.of("index", Integer.toString(index))).build())
            .build();
    return Application.builder().name("fleet-" + index).components(config).build();
  }
}
