package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.memory.InMemoryQueue;
import io.kubemin.spi.AppliedConfig;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.spi.ComponentStatus;
import io.kubemin.spi.DataStore;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.testsupport.SpiedStore;
import io.kubemin.workflow.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An applied config or secret component is marked running once; a redeploy that re-applies it
 * writes no mark while it still reads as running when the task starts, or, for a task started at
 * its exec, while the instance knows it marked it since it wrote the application.
 */
class AppliedConfigMarksTest {
  private final InMemoryDataStore memory = new InMemoryDataStore();
  private final AtomicInteger marks = new AtomicInteger();
  private final InMemoryQueue queue = new InMemoryQueue();
  private final List<KubeMin> instances = new java.util.ArrayList<>();

  @AfterEach
  void close() {
    instances.forEach(KubeMin::close);
  }

  @Test
  void aRedeployMarksOnlyAComponentThatNoLongerReadsRunning() {
    KubeMin writer = start("writer");
    String appId = writer.createApplication(app("marks", List.of(config("settings")))).id();

    deploy(writer, appId);
    assertThat(statusOfSettings(appId)).isEqualTo(ComponentStatus.RUNNING);
    assertThat(marks).as("the first deploy marks the component").hasValue(1);

    deploy(writer, appId);
    deploy(writer, appId);
    assertThat(statusOfSettings(appId)).isEqualTo(ComponentStatus.RUNNING);
    assertThat(marks).as("redeploys of a running component write no mark").hasValue(1);

    // Exec'd where nothing of the application is known, the task reads the status with its start.
    KubeMin other = start("other");
    ComponentRecord settings = memory.listComponents(appId).get(0);
    memory.updateComponentStatus(settings.id(), ComponentStatus.NOT_DEPLOYED, 0, Instant.now());
    deploy(other, appId);
    assertThat(statusOfSettings(appId)).isEqualTo(ComponentStatus.RUNNING);
    assertThat(marks).as("a component no longer running is marked again").hasValue(2);
  }

  private KubeMin start(String instanceId) {
    KubeMin kubemin =
        KubeMin.builder()
            .instanceId(instanceId)
            .dataStore(countingMarks(memory))
            .queue(queue)
            .jobExecutor(new RecordingJobExecutor())
            .build();
    instances.add(kubemin);
    kubemin.start();
    return kubemin;
  }

  private static void deploy(KubeMin kubemin, String appId) {
    assertThat(awaitEnd(kubemin, kubemin.exec(appId)).status()).isEqualTo(TaskStatus.COMPLETED);
  }

  private ComponentStatus statusOfSettings(String appId) {
    return memory.listComponents(appId).get(0).status();
  }

  /** The store, preferring batches (group commit, inputs read with the start), counting marks. */
  private DataStore countingMarks(DataStore store) {
    return SpiedStore.preferringBatches(
        store,
        (method, args) -> {
          if (method.equals("markConfigApplied")) {
            marks.incrementAndGet();
          }
          if (method.equals("writeBatch") && args.length == 3) {
            for (Object mark : (List<?>) args[2]) {
              if (mark instanceof AppliedConfig) {
                marks.incrementAndGet();
              }
            }
          }
        });
  }
}
