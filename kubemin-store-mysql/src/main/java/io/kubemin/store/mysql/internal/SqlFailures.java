package io.kubemin.store.mysql.internal;

import io.kubemin.spi.DataStoreException;
import java.sql.SQLException;
import org.jdbi.v3.core.JdbiException;

/** Turns Jdbi and JDBC failures into {@link DataStoreException}s and classifies them. */
public final class SqlFailures {
  private SqlFailures() {}

  /** The store-level failure for {@code operation}, keeping the cause. */
  public static DataStoreException translate(String operation, JdbiException e) {
    SQLException sql = sqlCause(e);
    String detail = sql == null ? String.valueOf(e.getMessage()) : describe(sql);
    return new DataStoreException("cannot " + operation + ": " + detail, e);
  }

  /** Whether the database rolled the transaction back to break a deadlock (run it again). */
  public static boolean isDeadlock(JdbiException e) {
    SQLException sql = sqlCause(e);
    return sql != null && "40001".equals(sql.getSQLState());
  }

  /** Whether a lock wait timed out (H2 50200, MySQL and MariaDB 1205). */
  public static boolean isLockTimeout(JdbiException e) {
    SQLException sql = sqlCause(e);
    return sql != null && (sql.getErrorCode() == 50200 || sql.getErrorCode() == 1205);
  }

  /** Whether a unique key refused the row. */
  public static boolean isDuplicateKey(JdbiException e) {
    SQLException sql = sqlCause(e);
    return sql != null && sql.getSQLState() != null && sql.getSQLState().startsWith("23");
  }

  private static String describe(SQLException sql) {
    return sql.getMessage()
        + " (SQLState "
        + sql.getSQLState()
        + ", code "
        + sql.getErrorCode()
        + ")";
  }

  private static SQLException sqlCause(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        return sql;
      }
    }
    return null;
  }
}
