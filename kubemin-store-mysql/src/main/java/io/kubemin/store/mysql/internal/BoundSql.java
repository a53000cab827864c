package io.kubemin.store.mysql.internal;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * One statement's text and its positional values, built once and run either on its own through Jdbi
 * or as part of a {@link SqlScript}.
 *
 * @param sql the statement, with {@code ?} placeholders
 * @param values one value per placeholder: {@code String}, {@code Integer}, {@code Long}, {@code
 *     Boolean} or null
 */
public record BoundSql(String sql, List<Object> values) {
  /** Runs the statement; returns the rows it matched. */
  public int execute(Handle handle) {
    Update update = handle.createUpdate(sql);
    for (int i = 0; i < values.size(); i++) {
      Object value = values.get(i);
      update.bindByType(i, value, value == null ? String.class : value.getClass());
    }
    return update.execute();
  }
}
