package io.kubemin.store.mysql.internal;

import io.kubemin.spi.WorkflowRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for {@code min_workflows}; the steps are a JSON document. */
public final class WorkflowRows {
  static final String COLUMNS = "id, app_id, name, alias, steps, created_at, updated_at";
  private static final String UPSERT =
      Upserts.sql(
          "min_workflows", "id", "app_id", "name", "alias", "steps", "created_at", "updated_at");

  private WorkflowRows() {}

  /** Inserts or replaces. */
  public static void put(Handle handle, WorkflowRecord workflow) {
    handle
        .createUpdate(UPSERT)
        .bind("id", workflow.id())
        .bind("app_id", workflow.appId())
        .bind("name", workflow.name())
        .bind("alias", workflow.alias())
        .bind("steps", Documents.write(workflow.steps()))
        .bind("created_at", UtcInstants.text(workflow.createdAt()))
        .bind("updated_at", UtcInstants.text(workflow.updatedAt()))
        .execute();
  }

  /** By id. */
  public static Optional<WorkflowRecord> find(Handle handle, String id) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM min_workflows WHERE id = :id")
        .bind("id", id)
        .map(WorkflowRows::map)
        .findOne();
  }

  /** The workflows of an application, oldest first. */
  public static List<WorkflowRecord> list(Handle handle, String appId) {
    // Every exec lists its application's workflows: plain JDBC spares Jdbi's work per statement.
    return new SqlScript()
        .query(
            "SELECT " + COLUMNS + " FROM min_workflows WHERE app_id = ? ORDER BY created_at, id",
            List.of(appId),
            WorkflowRows::map)
        .run(handle)
        .rows(0);
  }

  /** Deletes every workflow of an application. */
  public static void deleteOfApplication(Handle handle, String appId) {
    handle
        .createUpdate("DELETE FROM min_workflows WHERE app_id = :app")
        .bind("app", appId)
        .execute();
  }

  /** Maps a row whose first columns are {@link #COLUMNS}, in their order (read by position). */
  static WorkflowRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
    return map(rs, 1);
  }

  /** Maps the {@link #COLUMNS} of a row that start at column {@code first}. */
  static WorkflowRecord map(ResultSet rs, int first) throws SQLException {
    int at = first - 1;
    return new WorkflowRecord(
        rs.getString(at + 1),
        rs.getString(at + 2),
        rs.getString(at + 3),
        rs.getString(at + 4),
        Documents.steps(rs.getString(at + 5)),
        UtcInstants.read(rs, at + 6),
        UtcInstants.read(rs, at + 7));
  }
}
