package io.kubemin.store.mysql.internal;

import io.kubemin.spi.JobKind;
import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.JobStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for job records ({@code min_job}), insert-only. */
public final class JobRows {
  private static final String COLUMNS =
      "task_id, attempt, step_name, component_name, name, kind, namespace, status, error,"
          + " started_at, finished_at";

  private JobRows() {}

  /** Appends a record. */
  public static void insert(Handle handle, JobRecord job) {
    handle
        .createUpdate(
            "INSERT INTO min_job ("
                + COLUMNS
                + ") VALUES (:task_id, :attempt, :step_name, :component_name, :name, :kind,"
                + " :namespace, :status, :error, :started_at, :finished_at)")
        .bind("task_id", job.taskId())
        .bind("attempt", job.attempt())
        .bind("step_name", job.stepName())
        .bind("component_name", job.componentName())
        .bind("name", job.name())
        .bind("kind", job.kind().name())
        .bind("namespace", job.namespace())
        .bind("status", job.status().jsonName())
        .bind("error", job.error())
        .bind("started_at", UtcInstants.text(job.startedAt()))
        .bind("finished_at", UtcInstants.text(job.finishedAt()))
        .execute();
  }

  /** Appends records with one multi-row insert, in order. */
  public static void insertAll(Handle handle, List<JobRecord> jobs) {
    if (!jobs.isEmpty()) {
      insertAllSql(jobs).execute(handle);
    }
  }

  /** The multi-row insert of {@link #insertAll}; {@code jobs} is not empty. */
  public static BoundSql insertAllSql(List<JobRecord> jobs) {
    String row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    List<Object> values = new java.util.ArrayList<>(jobs.size() * 11);
    for (JobRecord job : jobs) {
      values.add(job.taskId());
      values.add(job.attempt());
      values.add(job.stepName());
      values.add(job.componentName());
      values.add(job.name());
      values.add(job.kind().name());
      values.add(job.namespace());
      values.add(job.status().jsonName());
      values.add(job.error());
      values.add(UtcInstants.text(job.startedAt()));
      values.add(UtcInstants.text(job.finishedAt()));
    }
    return new BoundSql(
        "INSERT INTO min_job ("
            + COLUMNS
            + ") VALUES "
            + String.join(", ", java.util.Collections.nCopies(jobs.size(), row)),
        values);
  }

  /** The records of a task, in insertion order. */
  public static List<JobRecord> list(Handle handle, String taskId) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM min_job WHERE task_id = :task ORDER BY id")
        .bind("task", taskId)
        .map(JobRows::map)
        .list();
  }

  /** Deletes the records of every task of an application (before the tasks go). */
  public static void deleteOfApplication(Handle handle, String appId) {
    handle
        .createUpdate(
            "DELETE FROM min_job WHERE task_id IN"
                + " (SELECT id FROM min_workflow_queue WHERE app_id = :app)")
        .bind("app", appId)
        .execute();
  }

  private static JobRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new JobRecord(
        rs.getString("task_id"),
        rs.getInt("attempt"),
        rs.getString("step_name"),
        rs.getString("component_name"),
        rs.getString("name"),
        JobKind.valueOf(rs.getString("kind")),
        rs.getString("namespace"),
        JobStatus.fromJsonName(rs.getString("status")),
        rs.getString("error"),
        UtcInstants.read(rs, "started_at"),
        UtcInstants.read(rs, "finished_at"));
  }
}
