package io.kubemin.store.mysql.internal;

import io.kubemin.model.Component;
import io.kubemin.spi.RevisionRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * SQL for {@code min_app_revisions} (components and workflow as JSON documents, secret values
 * sealed like those of {@code min_app_components}) and {@code min_task_revisions}.
 */
public final class RevisionRows {
  private static final String COLUMNS =
      "app_id, revision, version, components, workflow, author, cause, content_hash, created_at";

  private RevisionRows() {}

  /** Inserts a revision; a duplicate (application, number) fails. */
  public static void insert(Handle handle, RevisionRecord revision, UnaryOperator<Component> seal) {
    handle
        .createUpdate(
            "INSERT INTO min_app_revisions ("
                + COLUMNS
                + ") VALUES (:app_id, :revision, :version, :components, :workflow, :author,"
                + " :cause, :content_hash, :created_at)")
        .bind("app_id", revision.appId())
        .bind("revision", revision.number())
        .bind("version", revision.version())
        .bind("components", Documents.write(revision.components().stream().map(seal).toList()))
        .bind("workflow", Documents.write(revision.workflow()))
        .bind("author", revision.author())
        .bind("cause", revision.cause())
        .bind("content_hash", revision.contentHash())
        .bind("created_at", UtcInstants.text(revision.createdAt()))
        .execute();
  }

  /** The revisions of an application, oldest first, components turned by {@code open}. */
  public static List<RevisionRecord> list(
      Handle handle, String appId, UnaryOperator<Component> open) {
    return handle
        .createQuery(
            "SELECT " + COLUMNS + " FROM min_app_revisions WHERE app_id = :app ORDER BY revision")
        .bind("app", appId)
        .map((rs, ctx) -> map(rs, ctx, open))
        .list();
  }

  /** The numbers of an application's revisions, oldest first (an index-only read). */
  public static List<Integer> numbers(Handle handle, String appId) {
    return handle
        .createQuery("SELECT revision FROM min_app_revisions WHERE app_id = :app ORDER BY revision")
        .bind("app", appId)
        .mapTo(Integer.class)
        .list();
  }

  /** One revision. */
  public static Optional<RevisionRecord> find(
      Handle handle, String appId, int number, UnaryOperator<Component> open) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM min_app_revisions WHERE app_id = :app AND revision = :revision")
        .bind("app", appId)
        .bind("revision", number)
        .map((rs, ctx) -> map(rs, ctx, open))
        .findOne();
  }

  /** The newest revision. */
  public static Optional<RevisionRecord> latest(
      Handle handle, String appId, UnaryOperator<Component> open) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM min_app_revisions WHERE app_id = :app ORDER BY revision DESC LIMIT 1")
        .bind("app", appId)
        .map((rs, ctx) -> map(rs, ctx, open))
        .findOne();
  }

  /** Notes the application's newest revision (if any) as the one the task deploys. */
  public static void recordTask(Handle handle, String taskId, String appId) {
    recordTaskSql(taskId, appId).execute(handle);
  }

  /** The insert of {@link #recordTask}. */
  public static BoundSql recordTaskSql(String taskId, String appId) {
    return new BoundSql(
        "INSERT INTO min_task_revisions (task_id, app_id, revision)"
            + " SELECT ?, ?, MAX(revision) FROM min_app_revisions WHERE app_id = ?"
            + " HAVING MAX(revision) IS NOT NULL",
        java.util.Arrays.asList(taskId, appId, appId));
  }

  /**
   * The revision a task deployed: in its row since schema version 9 (written by the batched exec),
   * else in {@code min_task_revisions} (tasks written before, and execs noted one by one).
   */
  public static Optional<Integer> ofTask(Handle handle, String taskId) {
    return handle
        .createQuery(
            "SELECT COALESCE(q.revision, (SELECT t.revision FROM min_task_revisions t"
                + " WHERE t.task_id = q.id)) FROM min_workflow_queue q WHERE q.id = :task")
        .bind("task", taskId)
        .mapTo(Integer.class)
        .list()
        .stream()
        .filter(Objects::nonNull)
        .findFirst();
  }

  /** Deletes the revisions of an application and the task notes of its tasks. */
  public static void deleteOfApplication(Handle handle, String appId) {
    handle
        .createUpdate("DELETE FROM min_task_revisions WHERE app_id = :app")
        .bind("app", appId)
        .execute();
    handle
        .createUpdate("DELETE FROM min_app_revisions WHERE app_id = :app")
        .bind("app", appId)
        .execute();
  }

  /** The components of every revision that holds secret values, keyed by app id and revision. */
  public static Map<Map.Entry<String, Integer>, List<Component>> componentsWithSecrets(
      Handle handle) {
    Map<Map.Entry<String, Integer>, List<Component>> found = new LinkedHashMap<>();
    handle
        .createQuery(
            "SELECT app_id, revision, components FROM min_app_revisions"
                + " WHERE components LIKE '%\"secret\"%'")
        .map(
            (rs, ctx) ->
                Map.entry(
                    Map.entry(rs.getString("app_id"), rs.getInt("revision")),
                    Documents.components(rs.getString("components"))))
        .forEach(e -> found.put(e.getKey(), e.getValue()));
    return found;
  }

  /**
   * Replaces the stored components of a revision with the same components sealed again (only the
   * ciphertext changes: a revision's content stays what it was); whether it exists.
   */
  public static boolean rewriteComponents(
      Handle handle, String appId, int revision, List<Component> components) {
    return handle
            .createUpdate(
                "UPDATE min_app_revisions SET components = :components"
                    + " WHERE app_id = :app AND revision = :revision")
            .bind("components", Documents.write(components))
            .bind("app", appId)
            .bind("revision", revision)
            .execute()
        > 0;
  }

  private static RevisionRecord map(
      ResultSet rs, StatementContext ctx, UnaryOperator<Component> open) throws SQLException {
    return new RevisionRecord(
        rs.getString("app_id"),
        rs.getInt("revision"),
        rs.getString("version"),
        Documents.components(rs.getString("components")).stream().map(open).toList(),
        Documents.steps(rs.getString("workflow")),
        rs.getString("author"),
        rs.getString("cause"),
        rs.getString("content_hash"),
        UtcInstants.read(rs, "created_at"));
  }
}
