package io.kubemin.queue.redis;

import io.kubemin.KubeMin;
import io.kubemin.spi.Role;
import io.kubemin.store.mysql.MySqlDataStore;
import io.kubemin.store.mysql.MySqlSettings;
import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.WorkflowListener;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * One engine process of the chaos test: worker and dispatcher on the test's private MariaDB and
 * Redis, no LeaderElection given (so the instances elect one through the store). What it does goes
 * to the {@link Journal} on the shared Redis, which the faults do not touch.
 */
final class ChaosNode {
  static final String STARTED = "chaos node started";

  /**
   * @param instanceId the engine instance id
   * @param journalPrefix key prefix of the journal on the shared Redis
   * @param jdbcUrl the private database
   * @param redisPort the private Redis
   * @param jobTime how long each job takes
   * @param lease the task and leader lease
   * @param claimIdle the queue claim idle time
   */
  record Config(
      String instanceId,
      String journalPrefix,
      String jdbcUrl,
      int redisPort,
      Duration jobTime,
      Duration lease,
      Duration claimIdle) {

    Config instance(String id) {
      return new Config(id, journalPrefix, jdbcUrl, redisPort, jobTime, lease, claimIdle);
    }

    List<String> args() {
      return List.of(
          instanceId,
          journalPrefix,
          jdbcUrl,
          Integer.toString(redisPort),
          Long.toString(jobTime.toMillis()),
          Long.toString(lease.toMillis()),
          Long.toString(claimIdle.toMillis()));
    }

    static Config parse(String[] a) {
      return new Config(
          a[0],
          a[1],
          a[2],
          Integer.parseInt(a[3]),
          Duration.ofMillis(Long.parseLong(a[4])),
          Duration.ofMillis(Long.parseLong(a[5])),
          Duration.ofMillis(Long.parseLong(a[6])));
    }

    RedisQueueSettings queueSettings() {
      return RedisQueueSettings.builder()
          .port(redisPort)
          .prefix(journalPrefix + "-queue")
          .commandTimeout(Duration.ofSeconds(2))
          .claimMinIdle(claimIdle)
          .build();
    }
  }

  private ChaosNode() {}

  /** Runs a node until its standard input ends; a kill ends it as a crash would. */
  public static void main(String[] args) throws IOException {
    Config config = Config.parse(args);
    String id = config.instanceId();
    Journal journal = new Journal(config.journalPrefix());
    RedisQueue queue = new RedisQueue(config.queueSettings());
    MySqlDataStore store =
        MySqlDataStore.open(
            config.jdbcUrl(),
            MySqlSettings.builder().poolSize(6).connectionTimeout(Duration.ofSeconds(2)).build());
    KubeMin kubemin =
        KubeMin.builder()
            .instanceId(id)
            .roles(Role.WORKER, Role.DISPATCHER)
            .dataStore(store)
            .queue(queue)
            .jobExecutor(new JournalExecutor(journal, id, config.jobTime(), new CountDownLatch(0)))
            .listener(
                new WorkflowListener() {
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
    kubemin.start();
    try {
      System.out.println(STARTED);
      System.out.flush();
      InputStream in = System.in;
      while (in.read() != -1) {
        // The parent never writes; EOF means stop.
      }
    } finally {
      kubemin.close();
      queue.close();
      store.close();
      journal.close();
    }
  }
}
