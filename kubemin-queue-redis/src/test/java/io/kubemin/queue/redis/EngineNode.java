package io.kubemin.queue.redis;

import io.kubemin.KubeMin;
import io.kubemin.spi.Role;
import io.kubemin.store.mysql.MySqlDataStore;
import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.WorkflowListener;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * One engine instance running the worker and dispatcher roles on a MariaDB store and Redis, as one
 * process of a fleet would. Used in-process by some tests and as the main class of the child JVMs
 * of others. A slow {@link JournalExecutor} runs its jobs; task ends go to the journal.
 */
final class EngineNode implements AutoCloseable {
  static final String STARTED = "engine node started";

  private final Journal journal;
  private final RedisQueue queue;
  private final MySqlDataStore store;
  private final KubeMin kubemin;

  /**
   * How a node is set up; the same for every node of a test.
   *
   * @param instanceId the engine instance id
   * @param prefix the Redis key prefix of the test
   * @param jdbcUrl the test's database
   * @param jobTime how long each job takes
   * @param lease the task lease
   * @param claimIdle the queue claim idle time
   */
  record Config(
      String instanceId,
      String prefix,
      String jdbcUrl,
      Duration jobTime,
      Duration lease,
      Duration claimIdle) {

    Config instance(String id) {
      return new Config(id, prefix, jdbcUrl, jobTime, lease, claimIdle);
    }

    List<String> args() {
      return List.of(
          instanceId,
          prefix,
          jdbcUrl,
          Long.toString(jobTime.toMillis()),
          Long.toString(lease.toMillis()),
          Long.toString(claimIdle.toMillis()));
    }

    static Config parse(String[] args) {
      return new Config(
          args[0],
          args[1],
          args[2],
          Duration.ofMillis(Long.parseLong(args[3])),
          Duration.ofMillis(Long.parseLong(args[4])),
          Duration.ofMillis(Long.parseLong(args[5])));
    }
  }

  private EngineNode(Config config, CountDownLatch gate) {
    String id = config.instanceId();
    this.journal = new Journal(config.prefix());
    this.queue = new RedisQueue(RedisQueueSettings.builder().prefix(config.prefix()).build());
    this.store = MySqlDataStore.open(config.jdbcUrl());
    this.kubemin =
        KubeMin.builder()
            .instanceId(id)
            .roles(Role.WORKER, Role.DISPATCHER)
            .dataStore(store)
            .queue(queue)
            .jobExecutor(new JournalExecutor(journal, id, config.jobTime(), gate))
            .listener(
                new WorkflowListener() {
                  @Override
                  public void taskQueued(TaskEvent event) {
                    journal.add(Journal.TASK_QUEUED, event.taskId(), event.attempt(), id);
                  }

                  @Override
                  public void taskFinished(TaskEvent event) {
                    journal.add(Journal.TASK_FINISHED, event.taskId(), event.status(), id);
                  }
                })
            .maxConcurrentTasks(10)
            .maxActiveTasksPerApp(0)
            .taskLease(config.lease())
            .leaderLease(config.lease())
            .claimIdle(config.claimIdle())
            .dispatchPollInterval(Duration.ofMillis(200))
            .shutdownTimeout(Duration.ZERO)
            .build();
  }

  /** Builds and starts a node in this JVM whose jobs wait until {@code gate} opens. */
  static EngineNode start(Config config, CountDownLatch gate) {
    EngineNode node = new EngineNode(config, gate);
    node.kubemin.start();
    return node;
  }

  /** Messages not yet delivered to the engine's group. */
  long backlog() {
    return queue.stats("workflow-workers").backlog();
  }

  /** Messages of the engine's group delivered and not yet acknowledged. */
  long pendingMessages() {
    return queue.stats("workflow-workers").pending();
  }

  @Override
  public void close() {
    kubemin.close();
    queue.close();
    store.close();
    journal.close();
  }

  /**
   * Runs a node until its standard input ends (the parent closed it), then stops it. A kill ends it
   * without any of that, as a crash would.
   */
  public static void main(String[] args) throws IOException {
    EngineNode node = start(Config.parse(args), new CountDownLatch(0));
    try {
      System.out.println(STARTED);
      System.out.flush();
      InputStream in = System.in;
      while (in.read() != -1) {
        // The parent never writes; EOF means stop.
      }
    } finally {
      node.close();
    }
  }
}
