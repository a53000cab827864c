package io.kubemin.store.mysql.internal;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Per-application lock rows ({@code min_app_locks}) that make "count active tasks, then insert"
 * atomic where the application's row may not exist (an insert within a limit also locks that row,
 * which is the lock an exec takes). The upsert takes the row's exclusive lock at once on every
 * dialect (a plain {@code INSERT IGNORE} followed by {@code SELECT … FOR UPDATE} would take a
 * shared lock first, and two inserts upgrading it deadlock on InnoDB).
 */
public final class AppLocks {
  private AppLocks() {}

  /** Locks the application's row until the current transaction ends, creating it if needed. */
  public static void lock(Handle handle, String appId) {
    lockSql(appId).execute(handle);
  }

  /** The upsert of {@link #lock}. */
  public static BoundSql lockSql(String appId) {
    return new BoundSql(
        "INSERT INTO min_app_locks (app_id, lock_count) VALUES (?, 1)"
            + " ON DUPLICATE KEY UPDATE lock_count = lock_count + 1",
        List.of(appId));
  }

  /** Deletes the application's row. */
  public static void delete(Handle handle, String appId) {
    handle
        .createUpdate("DELETE FROM min_app_locks WHERE app_id = :app")
        .bind("app", appId)
        .execute();
  }
}
