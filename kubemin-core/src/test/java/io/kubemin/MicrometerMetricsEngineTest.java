package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.config;
import static io.kubemin.TestApps.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubemin.memory.InMemoryQueue;
import io.kubemin.metrics.MicrometerMetrics;
import io.kubemin.render.Naming;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.workflow.TaskStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicrometerMetricsEngineTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RecordingJobExecutor executor = new RecordingJobExecutor();

  @Test
  void realTasksAreCountedAndTimedByOutcomeAndTheirJobsByKind() {
    try (InMemoryQueue queue = new InMemoryQueue();
        KubeMin kubemin =
            KubeMin.builder()
                .queue(queue)
                .jobExecutor(executor)
                .listener(new MicrometerMetrics(registry).bindQueue(queue))
                .build()) {
      kubemin.start();
      String good =
          kubemin.createApplication(app("good", List.of(config("conf"), web("web")))).id();
      String bad = kubemin.createApplication(app("bad", List.of(web("api")))).id();
      executor.fail(Naming.deployment("api", bad), "image pull failed");
      executor.delay(Naming.deployment("web", good), Duration.ofMillis(50));

      assertThat(awaitEnd(kubemin, kubemin.exec(good)).status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(awaitEnd(kubemin, kubemin.exec(bad)).status()).isEqualTo(TaskStatus.FAILED);
      await().atMost(Duration.ofSeconds(5)).until(() -> tasksFinished("failed") == 1);

      assertThat(tasksFinished("completed")).isEqualTo(1);
      assertThat(registry.find("kubemin.tasks.finished").counters()).hasSize(2);
      assertThat(registry.get("kubemin.task.duration").tag("outcome", "failed").timer().count())
          .isEqualTo(1);
      assertThat(jobs("Deployment", "completed")).isEqualTo(1);
      assertThat(jobs("Deployment", "failed")).isEqualTo(1);
      assertThat(jobs("ConfigMap", "completed")).isEqualTo(1);
      assertThat(
              registry
                  .get("kubemin.job.duration")
                  .tags("kind", "Deployment", "outcome", "completed")
                  .timer()
                  .totalTime(TimeUnit.MILLISECONDS))
          .isGreaterThanOrEqualTo(50);
      assertThat(registry.find("kubemin.tasks.resumed").counter()).isNull();
      assertThat(
              registry
                  .get("kubemin.queue.backlog")
                  .tag("group", "workflow-workers")
                  .gauge()
                  .value())
          .isZero();
    }
  }

  private double tasksFinished(String outcome) {
    Counter counter = registry.find("kubemin.tasks.finished").tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  private double jobs(String kind, String outcome) {
    return registry
        .get("kubemin.jobs.finished")
        .tags("kind", kind, "outcome", outcome)
        .counter()
        .count();
  }
}
