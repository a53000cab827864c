package io.kubemin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.queue.kafka.KafkaBroker;
import io.kubemin.queue.kafka.KafkaQueue;
import io.kubemin.queue.kafka.KafkaQueueSettings;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.WorkflowListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two engines share one Kafka topic and one store; one dies mid-run. Its consumers leave the group
 * without acknowledging what they read, the survivor gets their partitions, and the tasks the dead
 * engine was running come back when their lease runs out: every task ends, once.
 */
class KafkaTwoEnginesIT {
  private static final int APPS = 100;
  private static final int RUNS_PER_APP = 3;
  private static final int TASKS = APPS * RUNS_PER_APP;
  private static final int MAX_CONCURRENT_TASKS = 8;
  private static KafkaBroker broker;

  private final InMemoryDataStore store = new InMemoryDataStore();
  private final Map<String, AtomicInteger> endings = new ConcurrentHashMap<>();
  private final List<AutoCloseable> opened = new ArrayList<>();

  @BeforeAll
  static void startBroker() throws Exception {
    broker = KafkaBroker.start();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    store.close();
  }

  @Test
  void everyTaskEndsExactlyOnceWhenAnEngineDiesMidRun() {
    KafkaQueueSettings settings = broker.freshSettings().partitions(6).build();
    RecordingJobExecutor doomedJobs =
        new RecordingJobExecutor().delay("web", Duration.ofMillis(200));
    RecordingJobExecutor survivingJobs =
        new RecordingJobExecutor().delay("web", Duration.ofMillis(200));
    KafkaQueue doomedQueue = open(new KafkaQueue(settings));
    KubeMin doomed = open(engine("doomed", doomedQueue, doomedJobs));
    KubeMin survivor = open(engine("survivor", open(new KafkaQueue(settings)), survivingJobs));
    List<String> tasks = new ArrayList<>();
    List<String> apps = new ArrayList<>();
    for (int i = 0; i < APPS; i++) {
      apps.add(survivor.createApplication(app("app-" + i)).id());
    }
    for (int run = 0; run < RUNS_PER_APP; run++) {
      for (String appId : apps) {
        tasks.add(survivor.exec(appId, ExecOptions.queueBehind()));
      }
    }
    doomed.start();
    survivor.start();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(10))
        .until(
            () ->
                endings.size() >= TASKS / 4
                    && !doomedJobs.started().isEmpty()
                    && !survivingJobs.started().isEmpty());

    int endedAtCrash = endings.size();
    int survivorJobsAtCrash = survivingJobs.started().size();
    doomed.crashForTesting();
    doomedQueue.close();
    // The crash must leave work behind: how much ended before it depends on how late the second
    // engine got its partitions, which a faster engine and a busy machine make vary widely.
    assertThat(endedAtCrash)
        .as("tasks ended when the engine died")
        .isLessThan(TASKS - 2 * MAX_CONCURRENT_TASKS);

    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> tasks.stream().allMatch(id -> survivor.task(id).status().terminal()));
    assertThat(tasks)
        .allSatisfy(id -> assertThat(survivor.task(id).status()).isEqualTo(TaskStatus.COMPLETED));
    assertThat(endings).hasSize(TASKS);
    assertThat(endings.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    assertThat(survivingJobs.sameJobOverlaps()).isZero();
    assertThat(survivingJobs.started().size() - survivorJobsAtCrash)
        // Tasks in flight at the crash on either engine had started their job before the count.
        .as("the survivor takes over all work left, but what was in flight at the crash")
        .isGreaterThanOrEqualTo(TASKS - endedAtCrash - 2 * MAX_CONCURRENT_TASKS);
  }

  private KubeMin engine(String name, KafkaQueue queue, RecordingJobExecutor jobs) {
    return KubeMin.builder()
        .instanceId(name)
        .dataStore(store)
        .queue(queue)
        .jobExecutor(jobs)
        .listener(new CountEndings())
        .workerThreads(2)
        .maxConcurrentTasks(MAX_CONCURRENT_TASKS)
        .taskLease(Duration.ofSeconds(2))
        .dispatchPollInterval(Duration.ofMillis(200))
        .shutdownTimeout(Duration.ofSeconds(2))
        .build();
  }

  private static Application app(String name) {
    return Application.builder()
        .name(name)
        .components(
            List.of(Component.builder().name("web").type("webservice").image("nginx:1.27").build()))
        .build();
  }

  private <T extends AutoCloseable> T open(T closeable) {
    opened.add(closeable);
    return closeable;
  }

  private final class CountEndings implements WorkflowListener {
    @Override
    public void taskFinished(TaskEvent event) {
      endings.computeIfAbsent(event.taskId(), id -> new AtomicInteger()).incrementAndGet();
    }
  }
}
