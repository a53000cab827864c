package io.kubemin.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubemin.KubeMin;
import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.Role;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis (our own, on another port) that restarts empty while it holds undelivered dispatch
 * messages: the queued tasks are offered again within seconds, not after {@code 2 x claimIdle}.
 */
class RedisRestartReofferIT {
  private static final Logger LOG = LoggerFactory.getLogger(RedisRestartReofferIT.class);
  private static final List<RedisQueue> QUEUES = new java.util.concurrent.CopyOnWriteArrayList<>();
  private static final int TASKS = 40;
  private static final Duration CLAIM_IDLE = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(500);

  /** The documented bound: one poll interval after the leader's client is back, plus slack. */
  private static final Duration BOUND = Duration.ofSeconds(15);

  @Test
  void queuedTasksWhoseMessagesWereLostInARestartAreOfferedAgainWithinSeconds() throws Exception {
    DataStore store = new InMemoryDataStore();
    RecordingJobExecutor executor = new RecordingJobExecutor();
    List<KubeMin> instances = new ArrayList<>();
    try (PrivateRedis redis = PrivateRedis.start()) {
      KubeMin leader = instance("leader", redis, store, executor, Role.API, Role.DISPATCHER);
      instances.add(leader);
      List<String> taskIds = new ArrayList<>();
      for (String appId : apps(leader)) {
        taskIds.add(leader.exec(appId));
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> taskIds.stream().allMatch(id -> status(leader, id) == TaskStatus.QUEUED));

      redis.stop();
      redis.restart();
      long back = System.nanoTime();
      instances.add(instance("worker", redis, store, executor, Role.WORKER));

      await()
          .atMost(BOUND)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> taskIds.stream().allMatch(id -> status(leader, id).terminal()));
      Duration recovery = Duration.ofNanos(System.nanoTime() - back);
      LOG.warn(
          "all {} lost tasks completed {} ms after Redis came back", TASKS, recovery.toMillis());

      assertThat(taskIds).allMatch(id -> status(leader, id) == TaskStatus.COMPLETED);
      assertThat(taskIds).allMatch(id -> leader.task(id).attempt() == 1);
      assertThat(executor.started()).hasSize(TASKS);
      assertThat(recovery).isLessThan(CLAIM_IDLE.multipliedBy(2));
    } finally {
      instances.forEach(KubeMin::close);
      QUEUES.forEach(RedisQueue::close);
    }
  }

  private static TaskStatus status(KubeMin kubemin, String taskId) {
    return kubemin.task(taskId).status();
  }

  private static List<String> apps(KubeMin kubemin) {
    return IntStream.range(0, TASKS)
        .mapToObj(
            i ->
                kubemin
                    .createApplication(
                        Application.builder()
                            .name("shop" + i)
                            .components(
                                List.of(
                                    Component.builder()
                                        .name("web")
                                        .type("webservice")
                                        .image("nginx:1.27")
                                        .build()))
                            .build())
                    .id())
        .toList();
  }

  private static KubeMin instance(
      String id,
      PrivateRedis redis,
      DataStore store,
      RecordingJobExecutor executor,
      Role... roles) {
    RedisQueue queue =
        new RedisQueue(
            RedisQueueSettings.builder()
                .port(redis.port())
                .prefix("kubemin-reoffer")
                .commandTimeout(Duration.ofSeconds(1))
                .build());
    QUEUES.add(queue);
    KubeMin kubemin =
        KubeMin.builder()
            .instanceId(id)
            .roles(roles)
            .dataStore(store)
            .queue(queue)
            .jobExecutor(executor)
            .claimIdle(CLAIM_IDLE)
            .dispatchPollInterval(POLL)
            .taskLease(Duration.ofSeconds(5))
            .build();
    kubemin.start();
    return kubemin;
  }
}
