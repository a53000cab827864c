package io.kubemin.store.mysql.internal;

import io.kubemin.spi.DataStoreException;
import io.kubemin.store.mysql.SqlDialect;
import java.time.Duration;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Makes concurrent starts of several stores on one database migrate it once. MySQL and MariaDB take
 * a named lock of the session ({@code GET_LOCK}), which survives the implicit commits of DDL. H2
 * has no named locks and commits at every DDL statement, so a second connection holds a row lock in
 * {@code min_schema_lock} while the first runs the scripts.
 */
interface MigrationLock {

  /** Releases the lock. */
  void release();

  /** Waits for the lock of the database {@code handle} is connected to. */
  static MigrationLock acquire(Jdbi jdbi, Handle handle, SqlDialect dialect, Duration timeout) {
    return dialect == SqlDialect.H2 ? rowLock(jdbi, timeout) : namedLock(handle, timeout);
  }

  private static MigrationLock namedLock(Handle handle, Duration timeout) {
    String database = handle.createQuery("SELECT DATABASE()").mapTo(String.class).one();
    String name = ("kubemin_schema_" + database);
    String lockName = name.length() > 64 ? name.substring(0, 64) : name;
    Integer granted =
        handle
            .createQuery("SELECT GET_LOCK(:name, :seconds)")
            .bind("name", lockName)
            .bind("seconds", Math.max(1, timeout.toSeconds()))
            .mapTo(Integer.class)
            .one();
    if (granted == null || granted != 1) {
      throw timedOut(timeout);
    }
    return () ->
        handle
            .createQuery("SELECT RELEASE_LOCK(:name)")
            .bind("name", lockName)
            .mapTo(Integer.class)
            .one();
  }

  private static MigrationLock rowLock(Jdbi jdbi, Duration timeout) {
    Handle holder = jdbi.open();
    int pooledLockTimeout = holder.createQuery("SELECT LOCK_TIMEOUT()").mapTo(Integer.class).one();
    try {
      holder.execute("SET LOCK_TIMEOUT " + timeout.toMillis());
      holder.execute("CREATE TABLE IF NOT EXISTS min_schema_lock (id INT NOT NULL PRIMARY KEY)");
      // Waits, like the SELECT below, while another store holds the row.
      holder.execute("INSERT IGNORE INTO min_schema_lock (id) VALUES (1)");
      holder.begin();
      holder
          .createQuery("SELECT id FROM min_schema_lock WHERE id = 1 FOR UPDATE")
          .mapTo(Integer.class)
          .one();
    } catch (JdbiException e) {
      release(holder, pooledLockTimeout);
      throw SqlFailures.isLockTimeout(e) ? timedOut(timeout) : e;
    }
    return () -> release(holder, pooledLockTimeout);
  }

  /** Ends the lock's transaction and returns the connection to the pool as it was. */
  private static void release(Handle holder, int pooledLockTimeout) {
    try {
      if (holder.isInTransaction()) {
        holder.rollback();
      }
      holder.execute("SET LOCK_TIMEOUT " + pooledLockTimeout);
    } finally {
      holder.close();
    }
  }

  private static DataStoreException timedOut(Duration timeout) {
    return new DataStoreException(
        "another store has been migrating this database's schema for more than "
            + timeout.toSeconds()
            + " s (migrationLockTimeout); try again when it has finished");
  }
}
