package io.kubemin.store.mysql.internal;

import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.TaskSuspension;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * SQL for {@code min_task_suspensions} (one row per task and suspend step) and for the suspended
 * tasks that must end. The steps done are stored one name per line: step names are DNS labels.
 */
public final class SuspensionRows {
  private static final String[] COLUMNS = {
    "task_id",
    "step_name",
    "app_id",
    "message",
    "attempt",
    "suspended_at",
    "deadline",
    "steps_done",
    "resumed_by",
    "resumed_at"
  };
  private static final String UPSERT = Upserts.sql("min_task_suspensions", COLUMNS);

  private SuspensionRows() {}

  /** Inserts or replaces the suspension of a task at a step. */
  public static void put(Handle handle, TaskSuspension suspension) {
    handle
        .createUpdate(UPSERT)
        .bind("task_id", suspension.taskId())
        .bind("step_name", suspension.step())
        .bind("app_id", suspension.appId())
        .bind("message", suspension.message())
        .bind("attempt", suspension.attempt())
        .bind("suspended_at", UtcInstants.text(suspension.suspendedAt()))
        .bind("deadline", UtcInstants.text(suspension.deadline()))
        .bind("steps_done", String.join("\n", suspension.stepsDone()))
        .bind("resumed_by", suspension.resumedBy())
        .bind("resumed_at", UtcInstants.text(suspension.resumedAt()))
        .execute();
  }

  /** The suspensions of a task, oldest first. */
  public static List<TaskSuspension> list(Handle handle, String taskId) {
    return handle
        .createQuery(
            "SELECT "
                + String.join(", ", COLUMNS)
                + " FROM min_task_suspensions WHERE task_id = :task"
                + " ORDER BY suspended_at, step_name")
        .bind("task", taskId)
        .map(SuspensionRows::map)
        .list();
  }

  /** Records the resume of a suspension not resumed yet; whether it did. */
  public static boolean resume(Handle handle, String taskId, String step, String by, Instant at) {
    return handle
            .createUpdate(
                "UPDATE min_task_suspensions SET resumed_by = :by, resumed_at = :at"
                    + " WHERE task_id = :task AND step_name = :step AND resumed_at IS NULL")
            .bind("by", by)
            .bind("at", UtcInstants.text(at))
            .bind("task", taskId)
            .bind("step", step)
            .execute()
        == 1;
  }

  /** Suspended tasks past their deadline or with a cancel request, earliest deadline first. */
  public static List<Task> toEnd(Handle handle, Instant now, int limit) {
    return handle
        .createQuery(
            "SELECT "
                + TaskRows.COLUMNS
                + " FROM min_workflow_queue WHERE status = :status AND (cancel_requested = TRUE"
                + " OR deadline <= :now) ORDER BY deadline, id LIMIT :limit")
        .bind("status", TaskStatus.SUSPENDED.jsonName())
        .bind("now", UtcInstants.text(now))
        .bind("limit", Math.max(0, limit))
        .map(TaskRows::map)
        .list();
  }

  /** Deletes the suspensions of an application's tasks. */
  public static void deleteOfApplication(Handle handle, String appId) {
    handle
        .createUpdate("DELETE FROM min_task_suspensions WHERE app_id = :app")
        .bind("app", appId)
        .execute();
  }

  private static TaskSuspension map(ResultSet rs, StatementContext ctx) throws SQLException {
    String done = rs.getString("steps_done");
    return new TaskSuspension(
        rs.getString("task_id"),
        rs.getString("app_id"),
        rs.getString("step_name"),
        rs.getString("message"),
        rs.getInt("attempt"),
        UtcInstants.read(rs, "suspended_at"),
        UtcInstants.read(rs, "deadline"),
        done == null || done.isEmpty() ? List.of() : Arrays.asList(done.split("\n")),
        rs.getString("resumed_by"),
        UtcInstants.read(rs, "resumed_at"));
  }
}
