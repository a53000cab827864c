package io.kubemin.store.mysql.internal;

import io.kubemin.model.Component;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.spi.ComponentStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for {@code min_app_components}; the component itself is a JSON document. */
public final class ComponentRows {
  /** The columns {@link #map} reads, in its order. */
  static final String COLUMNS =
      "id, app_id, ordinal, spec, status, ready_replicas, created_at, updated_at";

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

  /** Inserts or replaces, storing the spec as {@code seal} turns it. */
  public static void put(Handle handle, ComponentRecord component, UnaryOperator<Component> seal) {
    handle
        .createUpdate(UPSERT)
        .bind("id", component.id())
        .bind("app_id", component.appId())
        .bind("ordinal", component.ordinal())
        .bind("name", component.name())
        .bind("component_type", component.spec().type())
        .bind("spec", Documents.write(seal.apply(component.spec())))
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

  /** The components of an application, by ordinal, their specs turned by {@code open}. */
  public static List<ComponentRecord> list(
      Handle handle, String appId, UnaryOperator<Component> open) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM min_app_components WHERE app_id = :app ORDER BY ordinal, id")
        .bind("app", appId)
        .map(ComponentRows::map)
        .list()
        .stream()
        .map(c -> opened(c, open))
        .toList();
  }

  /** The component with its spec turned by {@code open} (itself when nothing changed). */
  public static ComponentRecord opened(ComponentRecord component, UnaryOperator<Component> open) {
    Component spec = open.apply(component.spec());
    return spec == component.spec() ? component : withSpec(component, spec);
  }

  /** The ids and stored specs of every component that has secret data, as stored. */
  public static Map<String, Component> specsWithSecrets(Handle handle) {
    Map<String, Component> specs = new LinkedHashMap<>();
    handle
        .createQuery("SELECT id, spec FROM min_app_components WHERE spec LIKE '%\"secret\"%'")
        .map((rs, ctx) -> Map.entry(rs.getString("id"), Documents.component(rs.getString("spec"))))
        .forEach(e -> specs.put(e.getKey(), e.getValue()));
    return specs;
  }

  /** Replaces the stored spec of a component; whether it exists. */
  public static boolean rewriteSpec(Handle handle, String id, Component spec) {
    return handle
            .createUpdate("UPDATE min_app_components SET spec = :spec WHERE id = :id")
            .bind("spec", Documents.write(spec))
            .bind("id", id)
            .execute()
        > 0;
  }

  private static ComponentRecord withSpec(ComponentRecord c, Component spec) {
    return new ComponentRecord(
        c.id(),
        c.appId(),
        c.ordinal(),
        spec,
        c.status(),
        c.readyReplicas(),
        c.createdAt(),
        c.updatedAt());
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

  /** One conditional statement: the named config or secret component, unless already running. */
  public static boolean markConfigApplied(
      Handle handle, String appId, String componentName, Instant now) {
    return handle
            .createUpdate(
                "UPDATE min_app_components SET status = :status, ready_replicas = 0,"
                    + " updated_at = :now WHERE app_id = :app AND name = :name"
                    + " AND component_type IN ('config', 'secret') AND status <> :status")
            .bind("status", ComponentStatus.RUNNING.jsonName())
            .bind("now", UtcInstants.text(now))
            .bind("app", appId)
            .bind("name", componentName)
            .execute()
        > 0;
  }

  /**
   * {@link #markConfigApplied} for many components in one statement: each listed config or secret
   * component not yet running; returns how many rows changed.
   */
  public static int markConfigsApplied(
      Handle handle, java.util.List<io.kubemin.spi.AppliedConfig> applied) {
    return applied.isEmpty() ? 0 : markConfigsAppliedSql(applied).execute(handle);
  }

  /** The update of {@link #markConfigsApplied}; {@code applied} is not empty. */
  public static BoundSql markConfigsAppliedSql(
      java.util.List<io.kubemin.spi.AppliedConfig> applied) {
    java.time.Instant latest =
        applied.stream()
            .map(io.kubemin.spi.AppliedConfig::at)
            .max(java.util.Comparator.naturalOrder())
            .orElseThrow();
    StringBuilder sql =
        new StringBuilder(
            "UPDATE min_app_components SET status = ?, ready_replicas = 0, updated_at = ?"
                + " WHERE component_type IN ('config', 'secret') AND status <> ? AND app_id IN (");
    sql.append(String.join(", ", java.util.Collections.nCopies(applied.size(), "?")));
    sql.append(") AND (");
    for (int i = 0; i < applied.size(); i++) {
      sql.append(i == 0 ? "" : " OR ").append("(app_id = ? AND name = ?)");
    }
    sql.append(")");
    java.util.List<Object> values = new java.util.ArrayList<>(3 + applied.size() * 3);
    values.add(ComponentStatus.RUNNING.jsonName());
    values.add(UtcInstants.text(latest));
    values.add(ComponentStatus.RUNNING.jsonName());
    for (io.kubemin.spi.AppliedConfig config : applied) {
      values.add(config.appId());
    }
    for (io.kubemin.spi.AppliedConfig config : applied) {
      values.add(config.appId());
      values.add(config.componentName());
    }
    return new BoundSql(sql.toString(), values);
  }

  /** Maps a row whose first columns are {@link #COLUMNS}, in their order (read by position). */
  static ComponentRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new ComponentRecord(
        rs.getString(1),
        rs.getString(2),
        rs.getInt(3),
        Documents.component(rs.getString(4)),
        ComponentStatus.fromJsonName(rs.getString(5)),
        rs.getInt(6),
        UtcInstants.read(rs, 7),
        UtcInstants.read(rs, 8));
  }
}
