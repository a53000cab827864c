package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.web;

import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.memory.InMemoryQueue;
import io.kubemin.testing.RecordingJobExecutor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A deploy on an engine without tracing, loaded by {@link TracingOffLoadsNoOpenTelemetryTest}
 * through a class loader that has no OpenTelemetry; returns the task's final status.
 */
public final class TracingOffRun implements Callable<String> {
  @Override
  public String call() {
    try (InMemoryQueue queue = new InMemoryQueue();
        KubeMin kubemin =
            KubeMin.builder()
                .dataStore(new InMemoryDataStore())
                .queue(queue)
                .jobExecutor(new RecordingJobExecutor())
                .build()) {
      kubemin.start();
      String appId = kubemin.createApplication(app("shop", List.of(web("web")))).id();
      return kubemin.awaitTask(kubemin.exec(appId), Duration.ofSeconds(30)).status().jsonName();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
