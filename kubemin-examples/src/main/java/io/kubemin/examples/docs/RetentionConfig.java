package io.kubemin.examples.docs;

import io.kubemin.KubeMin;
import io.kubemin.KubeMinBuilder;
import io.kubemin.spi.JobExecutor;
import io.kubemin.workflow.Retention;
import java.time.Duration;

/** The retention settings of docs/engine.md. */
public final class RetentionConfig {
  private RetentionConfig() {}

  /** Keeps, per application, the last 200 ended tasks and none older than 30 days. */
  public static KubeMinBuilder builder(JobExecutor executor, String auditedAppId) {
    return KubeMin.builder()
        .jobExecutor(executor)
        .retention(Retention.keepLast(200).andKeepFor(Duration.ofDays(30)))
        // One application keeps its whole history.
        .retention(auditedAppId, Retention.keepAll());
  }
}
