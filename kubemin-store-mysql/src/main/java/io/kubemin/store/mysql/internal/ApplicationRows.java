package io.kubemin.store.mysql.internal;

import io.kubemin.spi.ApplicationRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for {@code min_applications}. */
public final class ApplicationRows {
  static final String COLUMNS =
      "id, name, namespace, version, alias, project, description, icon, tmp_enable,"
          + " rollback_on_failure, created_at, updated_at";

  /** How many columns {@link #COLUMNS} names. */
  static final int COLUMN_COUNT = COLUMNS.split(",").length;

  private static final String UPSERT =
      Upserts.sql(
          "min_applications",
          "id",
          "name",
          "namespace",
          "version",
          "alias",
          "project",
          "description",
          "icon",
          "tmp_enable",
          "rollback_on_failure",
          "created_at",
          "updated_at");

  private ApplicationRows() {}

  /** Inserts or replaces. */
  public static void put(Handle handle, ApplicationRecord app) {
    handle
        .createUpdate(UPSERT)
        .bind("id", app.id())
        .bind("name", app.name())
        .bind("namespace", app.namespace())
        .bind("version", app.version())
        .bind("alias", app.alias())
        .bind("project", app.project())
        .bind("description", app.description())
        .bind("icon", app.icon())
        .bind("tmp_enable", app.tmpEnable())
        .bind("rollback_on_failure", app.rollbackOnFailure())
        .bind("created_at", UtcInstants.text(app.createdAt()))
        .bind("updated_at", UtcInstants.text(app.updatedAt()))
        .execute();
  }

  /** By id. */
  public static Optional<ApplicationRecord> find(Handle handle, String id) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM min_applications WHERE id = :id")
        .bind("id", id)
        .map(ApplicationRows::map)
        .findOne();
  }

  /** All, most recently updated first. */
  public static List<ApplicationRecord> list(Handle handle) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM min_applications ORDER BY updated_at DESC, id")
        .map(ApplicationRows::map)
        .list();
  }

  /** One page of {@link #list}. */
  public static List<ApplicationRecord> page(Handle handle, int offset, int limit) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM min_applications ORDER BY updated_at DESC, id LIMIT :limit OFFSET :offset")
        .bind("limit", limit)
        .bind("offset", offset)
        .map(ApplicationRows::map)
        .list();
  }

  /** How many applications there are. */
  public static int count(Handle handle) {
    return handle.createQuery("SELECT COUNT(*) FROM min_applications").mapTo(Integer.class).one();
  }

  /**
   * Deletes an application with its job records, tasks, workflows, components and lock row; call
   * inside a transaction.
   *
   * @return whether the application existed
   */
  public static boolean deleteWithEverything(Handle handle, String id) {
    JobRows.deleteOfApplication(handle, id);
    SuspensionRows.deleteOfApplication(handle, id);
    TaskRows.deleteOfApplication(handle, id);
    WorkflowRows.deleteOfApplication(handle, id);
    ComponentRows.deleteOfApplication(handle, id);
    RevisionRows.deleteOfApplication(handle, id);
    AppLocks.delete(handle, id);
    return delete(handle, id);
  }

  private static boolean delete(Handle handle, String id) {
    return handle
            .createUpdate("DELETE FROM min_applications WHERE id = :id")
            .bind("id", id)
            .execute()
        > 0;
  }

  /** Maps a row whose first columns are {@link #COLUMNS}, in their order (read by position). */
  static ApplicationRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
    return map(rs, 1);
  }

  /** Maps the {@link #COLUMNS} of a row that start at column {@code first}. */
  static ApplicationRecord map(ResultSet rs, int first) throws SQLException {
    int at = first - 1;
    return new ApplicationRecord(
        rs.getString(at + 1),
        rs.getString(at + 2),
        rs.getString(at + 3),
        rs.getString(at + 4),
        rs.getString(at + 5),
        rs.getString(at + 6),
        rs.getString(at + 7),
        rs.getString(at + 8),
        rs.getBoolean(at + 9),
        rs.getBoolean(at + 10),
        UtcInstants.read(rs, at + 11),
        UtcInstants.read(rs, at + 12));
  }
}
