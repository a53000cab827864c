package io.kubemin.examples.docs;

import io.kubemin.KubeMin;
import io.kubemin.spi.JobExecutor;

/** docs/engine.md: an engine with its store and queue chosen by URI. */
public final class EngineSetup {
  private EngineSetup() {}

  /**
   * Builds an engine (not started).
   *
   * @param storeUri {@code memory} (the default), {@code jdbc:mariadb://db/kubemin}, ...
   * @param queueUri {@code memory} (the default), {@code redis://queue:6379}, {@code kafka://...}
   */
  public static KubeMin build(JobExecutor executor, String storeUri, String queueUri) {
    return KubeMin.builder()
        .jobExecutor(executor) // required on instances that run workers
        .dataStoreUri(storeUri)
        .queueUri(queueUri)
        .maxConcurrentTasks(20)
        .build(); // logs the effective configuration once (INFO)
  }
}
