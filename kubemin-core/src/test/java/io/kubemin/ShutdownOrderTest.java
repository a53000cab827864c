package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.spi.ExtensionContext;
import io.kubemin.spi.KubeMinExtension;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What docs/engine.md says about close(): extensions stop first, then running tasks are handed
 * back.
 */
class ShutdownOrderTest {

  @Test
  void closeStopsTheExtensionsWhileATaskStillRunsThenHandsTheTaskBack() {
    InMemoryDataStore store = new InMemoryDataStore();
    RecordingJobExecutor executor = new RecordingJobExecutor();
    executor.hold("conf"); // the ConfigMap job of component "conf" never finishes by itself
    AtomicReference<String> taskId = new AtomicReference<>();
    List<String> seenAtStop = new CopyOnWriteArrayList<>();
    KubeMinExtension extension =
        new KubeMinExtension() {
          @Override
          public void start(ExtensionContext context) {}

          @Override
          public void stop() {
            seenAtStop.add(store.findTask(taskId.get()).orElseThrow().status().jsonName());
          }
        };
    KubeMin kubemin =
        KubeMin.builder()
            .dataStore(store)
            .jobExecutor(executor)
            .extension(extension)
            .shutdownTimeout(Duration.ofMillis(200))
            .build();
    kubemin.start();
    taskId.set(kubemin.exec(kubemin.createApplication(app("shop", List.of(config("conf")))).id()));
    TestApps.awaitStatus(kubemin, taskId.get(), TaskStatus.RUNNING);

    kubemin.close();

    assertThat(seenAtStop).containsExactly(TaskStatus.RUNNING.jsonName());
    // handed back as the next attempt: waiting, or queued again if a dispatcher saw it already
    assertThat(store.findTask(taskId.get()).orElseThrow())
        .satisfies(
            task -> {
              assertThat(task.status()).isIn(TaskStatus.WAITING, TaskStatus.QUEUED);
              assertThat(task.attempt()).isEqualTo(2);
            });
  }
}
