package io.kubemin.store.mysql.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Several statements sent to a MariaDB or MySQL server in one round trip, on a connection that
 * allows multi-statement queries ({@code allowMultiQueries}). On the hot path a round trip costs
 * more than the statement itself (a transaction of five statements spent most of its time waiting
 * for the network and the scheduler), so the statements of one transaction travel together.
 *
 * <p>The server runs them in order and stops at the first that fails; the caller then rolls back.
 * Values are bound as parameters, never spliced into the text.
 */
public final class SqlScript {
  private final StringBuilder sql = new StringBuilder();
  private final List<Object> values = new ArrayList<>();
  private final List<RowMapper<?>> mappers = new ArrayList<>();

  /** Adds a statement that changes rows; its outcome is the number of rows it matched. */
  public SqlScript update(String statement, Collection<?> parameters) {
    return add(statement, parameters, null);
  }

  /** Adds a statement that changes rows. */
  public SqlScript update(BoundSql statement) {
    return add(statement.sql(), statement.values(), null);
  }

  /** Adds a statement without parameters. */
  public SqlScript update(String statement) {
    return add(statement, List.of(), null);
  }

  /** Adds a query; its outcome is the list of its rows, mapped by {@code mapper}. */
  public <T> SqlScript query(String statement, Collection<?> parameters, RowMapper<T> mapper) {
    return add(statement, parameters, mapper);
  }

  /** Statements added so far. */
  public int size() {
    return mappers.size();
  }

  private SqlScript add(String statement, Collection<?> parameters, RowMapper<?> mapper) {
    if (!mappers.isEmpty()) {
      sql.append(";\n");
    }
    sql.append(statement);
    values.addAll(parameters);
    mappers.add(mapper);
    return this;
  }

  /**
   * Runs every statement in one round trip on the handle's connection.
   *
   * @throws UnableToExecuteStatementException when the server refuses a statement (the ones before
   *     it ran, the ones after it did not)
   */
  public Outcomes run(Handle handle) {
    return run(handle, "");
  }

  /**
   * {@link #run} with {@code START TRANSACTION} sent first, in the same round trip; the outcomes
   * are those of this script's own statements.
   */
  public Outcomes runAfterStart(Handle handle) {
    return run(handle, "START TRANSACTION;\n");
  }

  private Outcomes run(Handle handle, String prefix) {
    Connection connection = handle.getConnection();
    String text = prefix + sql;
    try (PreparedStatement statement = connection.prepareStatement(text)) {
      for (int i = 0; i < values.size(); i++) {
        bind(statement, i + 1, values.get(i));
      }
      List<Object> outcomes = new ArrayList<>(mappers.size());
      boolean isQuery = statement.execute();
      if (!prefix.isEmpty()) {
        isQuery = statement.getMoreResults();
      }
      for (RowMapper<?> mapper : mappers) {
        if (isQuery) {
          outcomes.add(rows(statement.getResultSet(), mapper));
        } else {
          outcomes.add(statement.getUpdateCount());
        }
        isQuery = statement.getMoreResults();
      }
      return new Outcomes(outcomes);
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException(
          "multi-statement script failed: " + e.getMessage(), e, null);
    }
  }

  private static List<Object> rows(ResultSet resultSet, RowMapper<?> mapper) throws SQLException {
    if (mapper == null) {
      throw new SQLException("an update statement of the script returned rows");
    }
    List<Object> rows = new ArrayList<>();
    try (ResultSet rs = resultSet) {
      while (rs.next()) {
        rows.add(mapper.map(rs, null));
      }
    }
    return rows;
  }

  private static void bind(PreparedStatement statement, int index, Object value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else if (value instanceof String text) {
      statement.setString(index, text);
    } else if (value instanceof Integer number) {
      statement.setInt(index, number);
    } else if (value instanceof Long number) {
      statement.setLong(index, number);
    } else if (value instanceof Boolean flag) {
      statement.setBoolean(index, flag);
    } else {
      throw new IllegalArgumentException("cannot bind a " + value.getClass().getName());
    }
  }

  /** What each statement of a script gave, in the order they were added. */
  public static final class Outcomes {
    private final List<Object> outcomes;

    private Outcomes(List<Object> outcomes) {
      this.outcomes = outcomes;
    }

    /** The rows the {@code index}-th statement (an update) matched. */
    public int count(int index) {
      return (Integer) outcomes.get(index);
    }

    /** The rows of the {@code index}-th statement (a query). */
    @SuppressWarnings("unchecked")
    public <T> List<T> rows(int index) {
      return (List<T>) outcomes.get(index);
    }
  }
}
