package io.kubemin.store.mysql;

import static io.kubemin.store.mysql.MigrationSteps.awaitCompleted;
import static io.kubemin.store.mysql.MigrationSteps.execute;
import static io.kubemin.store.mysql.MigrationSteps.shop;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.KubeMin;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.testsupport.TraceRecorder;
import io.kubemin.workflow.TaskStatus;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * A database at schema version 6 with an application and an ended task in it migrates to version 7
 * (the task's trace context): its rows stay, the old task has no context, and a traced exec stores
 * its context with the task, which the dispatch continues; the store's batches are traced too.
 */
final class TraceContextMigration {
  private TraceContextMigration() {}

  static void run(String url) throws SQLException {
    String appId;
    String oldTask;
    try (MySqlDataStore store = MySqlDataStore.open(url);
        KubeMin kubemin = engine(store, null)) {
      appId = kubemin.createApplication(shop()).id();
      oldTask = kubemin.exec(appId);
      awaitCompleted(kubemin, oldTask);
    }
    // Back to schema version 6: the column version 7 added is removed, the data stays.
    execute(
        url,
        "ALTER TABLE min_workflow_queue DROP COLUMN trace_context",
        "DELETE FROM min_schema_version WHERE version = 7");

    try (TraceRecorder traces = new TraceRecorder();
        MySqlDataStore store = MySqlDataStore.open(url);
        KubeMin kubemin = engine(store, traces)) {
      SchemaAssertions.assertMigratedOnce(url);
      assertThat(kubemin.task(oldTask).status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(store.findTraceContexts(List.of(oldTask))).isEmpty();

      String newTask = kubemin.exec(appId);
      awaitCompleted(kubemin, newTask);

      SpanData exec = traces.await("kubemin.exec");
      assertThat(store.findTraceContexts(List.of(newTask)))
          .containsEntry(
              newTask,
              "00-"
                  + exec.getTraceId()
                  + "-"
                  + exec.getSpanId()
                  + "-"
                  + exec.getSpanContext().getTraceFlags().asHex());
      SpanData task = traces.await("kubemin.task");
      assertThat(task.getTraceId()).isEqualTo(exec.getTraceId());
      if (!store.prefersBatches()) {
        return; // H2 writes each change on its own: no group commit, no batch span
      }
      SpanData batch =
          traces.await(
              s ->
                  s.getName().equals("kubemin.store.batch")
                      && s.getTraceId().equals(exec.getTraceId()));
      assertThat(TraceRecorder.attribute(batch, "db.operation.name")).isEqualTo("writeBatch");
    }
  }

  private static KubeMin engine(MySqlDataStore store, TraceRecorder traces) {
    var builder =
        KubeMin.builder()
            .dataStore(store)
            .jobExecutor(new RecordingJobExecutor())
            .shutdownTimeout(Duration.ZERO);
    if (traces != null) {
      builder.tracing(traces.tracing());
    }
    KubeMin kubemin = builder.build();
    kubemin.start();
    return kubemin;
  }
}
