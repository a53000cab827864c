package io.kubemin.store.mysql.internal;

import io.kubemin.spi.ComponentRecord;
import io.kubemin.spi.ComponentStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for {@code min_app_components}; the component itself is a JSON document. */
public final class ComponentRows {
  private static final String UPSERT =
      Upserts.sql(
          "min_app_components",
          "id",
          "app_id",
          "ordinal",
          "name",
          "component_type",
          "spec",
          "status",
          "ready_replicas",
          "created_at",
          "updated_at");

  private ComponentRows() {}

  /** Inserts or replaces. */
  public static void put(Handle handle, ComponentRecord component) {
    handle
        .createUpdate(UPSERT)
        .bind("id", component.id())
        .bind("app_id", component.appId())
        .bind("ordinal", component.ordinal())
        .bind("name", component.name())
        .bind("component_type", component.spec().type())
        .bind("spec", Documents.write(component.spec()))
        .bind("status", component.status().jsonName())
        .bind("ready_replicas", component.readyReplicas())
        .bind("created_at", UtcInstants.text(component.createdAt()))
        .bind("updated_at", UtcInstants.text(component.updatedAt()))
        .execute();
  }

  /** Whether it existed. */
  public static boolean delete(Handle handle, String id) {
    return handle
            .createUpdate("DELETE FROM min_app_components WHERE id = :id")
            .bind("id", id)
            .execute()
        > 0;
  }

  /** Deletes every component of an application. */
  public static void deleteOfApplication(Handle handle, String appId) {
    handle
        .createUpdate("DELETE FROM min_app_components WHERE app_id = :app")
        .bind("app", appId)
        .execute();
  }

  /** The components of an application, by ordinal. */
  public static List<ComponentRecord> list(Handle handle, String appId) {
    return handle
        .createQuery(
            "SELECT id, app_id, ordinal, spec, status, ready_replicas, created_at, updated_at"
                + " FROM min_app_components WHERE app_id = :app ORDER BY ordinal, id")
        .bind("app", appId)
        .map(ComponentRows::map)
        .list();
  }

  /** Writes the live status; whether the component exists. */
  public static boolean updateStatus(
      Handle handle, String id, ComponentStatus status, int readyReplicas, Instant now) {
    return handle
            .createUpdate(
                "UPDATE min_app_components SET status = :status, ready_replicas = :ready,"
                    + " updated_at = :now WHERE id = :id")
            .bind("status", status.jsonName())
            .bind("ready", readyReplicas)
            .bind("now", UtcInstants.text(now))
            .bind("id", id)
            .execute()
        > 0;
  }

  static ComponentRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new ComponentRecord(
        rs.getString("id"),
        rs.getString("app_id"),
        rs.getInt("ordinal"),
        Documents.component(rs.getString("spec")),
        ComponentStatus.fromJsonName(rs.getString("status")),
        rs.getInt("ready_replicas"),
        UtcInstants.read(rs, "created_at"),
        UtcInstants.read(rs, "updated_at"));
  }
}
