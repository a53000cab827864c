package io.kubemin.queue.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.KubeMin;
import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An engine that closes gives its Kafka consumer back: the next engine on the same queue gets every
 * partition at once. Before, the closed engine's consumer went on polling into a buffer no one
 * read, holding some partitions, and the tasks enqueued there never started.
 */
class KafkaQueueEngineRestartIT {
  private static KafkaBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = KafkaBroker.start();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  @Test
  void aSecondEngineOnTheSameQueueRunsEveryTask() throws Exception {
    InMemoryDataStore store = new InMemoryDataStore();
    try (KafkaQueue queue = new KafkaQueue(broker.freshSettings().partitions(3).build())) {
      try (KubeMin first = engine(store, queue)) {
        first.start();
        String appId = first.createApplication(application("first")).id();
        assertThat(first.awaitTask(first.exec(appId), Duration.ofSeconds(30)).status())
            .isEqualTo(TaskStatus.COMPLETED);
      }
      try (KubeMin second = engine(store, queue)) {
        second.start();
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
          tasks.add(second.exec(second.createApplication(application("app-" + i)).id()));
        }
        for (String taskId : tasks) {
          assertThat(second.awaitTask(taskId, Duration.ofSeconds(30)).status())
              .as("task %s", taskId)
              .isEqualTo(TaskStatus.COMPLETED);
        }
      }
    }
  }

  private static KubeMin engine(InMemoryDataStore store, KafkaQueue queue) {
    return KubeMin.builder()
        .dataStore(store)
        .queue(queue)
        .jobExecutor(new RecordingJobExecutor())
        .build();
  }

  private static Application application(String name) {
    return Application.builder()
        .name(name)
        .components(Component.builder().name("web").type("webservice").image("nginx").build())
        .build();
  }
}
