package io.kubemin.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubemin.KubeMin;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.render.Naming;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.testsupport.TcpProxy;
import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.WorkflowListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's Redis connections go through a {@link TcpProxy} that cuts or hangs them (the shared
 * Redis stays up, and keeps the stream): every task still ends, once.
 */
class QueueOutageIT {
  private TestRedis redis;
  private TcpProxy proxy;
  private RedisQueue queue;
  private KubeMin kubemin;
  private final RecordingJobExecutor executor = new RecordingJobExecutor();
  private final Map<String, AtomicInteger> finished = new ConcurrentHashMap<>();

  @BeforeEach
  void start() {
    redis = TestRedis.open();
    proxy = TcpProxy.start("127.0.0.1", 6379);
    queue =
        new RedisQueue(
            redis.settings().toBuilder()
                .port(proxy.port())
                .commandTimeout(Duration.ofSeconds(1))
                .claimMinIdle(Duration.ofMillis(500))
                .claimInterval(Duration.ofMillis(250))
                .build());
    kubemin =
        KubeMin.builder()
            .queue(queue)
            .jobExecutor(executor)
            .maxConcurrentTasks(4)
            .maxActiveTasksPerApp(0)
            .taskLease(Duration.ofSeconds(2))
            .dispatchPollInterval(Duration.ofMillis(100))
            .claimIdle(Duration.ofMillis(500))
            .shutdownTimeout(Duration.ZERO)
            .listener(
                new WorkflowListener() {
                  @Override
                  public void taskFinished(TaskEvent event) {
                    finished
                        .computeIfAbsent(event.taskId(), k -> new AtomicInteger())
                        .incrementAndGet();
                  }
                })
            .build();
    kubemin.start();
  }

  @AfterEach
  void stop() {
    if (kubemin != null) {
      kubemin.close();
    }
    if (queue != null) {
      queue.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  private static Application app(String name) {
    Component web = Component.builder().name("web").type("webservice").image("nginx:1.27").build();
    return Application.builder().name(name).components(List.of(web)).build();
  }

  private List<String> execMany(int count) {
    List<String> taskIds = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String appId = kubemin.createApplication(app("shop-" + i)).id();
      executor.delay(Naming.deployment("web", appId), Duration.ofMillis(300));
      taskIds.add(kubemin.exec(appId));
    }
    return taskIds;
  }

  private long awaitAllCompleted(List<String> taskIds, long sinceNanos) {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> taskIds.stream().allMatch(id -> kubemin.task(id).status().terminal()));
    long ms = (System.nanoTime() - sinceNanos) / 1_000_000;
    assertThat(taskIds)
        .extracting(id -> kubemin.task(id).status())
        .containsOnly(TaskStatus.COMPLETED);
    assertThat(taskIds)
        .allSatisfy(id -> assertThat(finished.get(id)).as("finished events of " + id).hasValue(1));
    return ms;
  }

  @Test
  void tasksOfferedWhileRedisIsCutRunOnceItIsBack() throws Exception {
    List<String> before = execMany(4);
    await().atMost(Duration.ofSeconds(20)).until(() -> executor.started().size() >= 1);

    proxy.cut();
    List<String> during = execMany(4);
    Thread.sleep(3_000);
    proxy.restore();
    long restored = System.nanoTime();

    List<String> all = new ArrayList<>(before);
    all.addAll(during);
    long ms = awaitAllCompleted(all, restored);
    System.out.printf("redis cut 3 s: all 8 tasks ended %d ms after restore%n", ms);
  }

  @Test
  void aHungRedisConnectionRecovers() throws Exception {
    List<String> taskIds = execMany(3);
    await().atMost(Duration.ofSeconds(20)).until(() -> executor.started().size() >= 1);

    proxy.hang();
    Thread.sleep(3_000);
    proxy.restore();
    long restored = System.nanoTime();

    long ms = awaitAllCompleted(taskIds, restored);
    System.out.printf("redis hung 3 s: all 3 tasks ended %d ms after restore%n", ms);
  }
}
