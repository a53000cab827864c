package io.kubemin.store.mysql.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs statements on a {@link Jdbi}: each on a pooled connection of its own, or all on the handle
 * of one transaction. Translates every Jdbi failure into a {@code DataStoreException} naming the
 * operation. Transactions run at READ COMMITTED.
 */
public final class JdbiSession {
  private static final Logger log = LoggerFactory.getLogger(JdbiSession.class);
  private static final TransactionIsolationLevel ISOLATION =
      TransactionIsolationLevel.READ_COMMITTED;
  private static final int DEADLOCK_ATTEMPTS = 3;

  private final Jdbi jdbi;
  private final Handle transaction;
  private final AtomicBoolean closed;
  private final AutoCloseable ownedPool;
  private final boolean explicitTransactions;
  private final java.util.List<BoundSql> atCommit;

  /**
   * Whether {@code START TRANSACTION} was sent on the bound handle of an explicit transaction: it
   * is sent with the transaction's first statement, in the same round trip where that statement is
   * a script.
   */
  private boolean started;

  private JdbiSession(
      Jdbi jdbi,
      Handle transaction,
      AtomicBoolean closed,
      AutoCloseable pool,
      boolean explicitTransactions) {
    this.jdbi = jdbi;
    this.transaction = transaction;
    this.closed = closed;
    this.ownedPool = pool;
    this.explicitTransactions = explicitTransactions;
    this.atCommit =
        transaction != null && explicitTransactions ? new java.util.ArrayList<>() : null;
  }

  /** A session on {@code jdbi}; {@code ownedPool} (or null) is closed with it. */
  public static JdbiSession of(Jdbi jdbi, AutoCloseable ownedPool) {
    return new JdbiSession(jdbi, null, new AtomicBoolean(), ownedPool, false);
  }

  /**
   * This session with transactions begun by {@code START TRANSACTION} on connections that stay in
   * autocommit mode, for MariaDB and MySQL connections that allow multi-statement queries and
   * already run at READ COMMITTED (the pools the store creates): switching autocommit off and on
   * again costs two round trips per transaction, and statements deferred to the commit ({@link
   * #atCommit}) travel with it.
   */
  public JdbiSession withExplicitTransactions() {
    return new JdbiSession(jdbi, transaction, closed, ownedPool, true);
  }

  /**
   * Runs a statement whose outcome nobody reads: inside an explicit transaction, with the commit
   * (in the same round trip; a failure fails the commit and rolls everything back), otherwise at
   * once.
   */
  public void atCommit(String operation, BoundSql statement) {
    if (atCommit != null) {
      atCommit.add(statement);
    } else {
      run(operation, statement::execute);
    }
  }

  /** Whether this session is bound to the handle of a transaction ({@code inTransaction}). */
  public boolean bound() {
    return transaction != null;
  }

  /** Runs one operation. */
  public <T> T call(String operation, HandleCallback<T, RuntimeException> work) {
    try {
      if (transaction != null) {
        if (atCommit != null && !started) {
          transaction.execute("START TRANSACTION");
          started = true;
        }
        return work.withHandle(transaction);
      }
      requireOpen();
      return jdbi.withHandle(work);
    } catch (JdbiException e) {
      throw SqlFailures.translate(operation, e);
    }
  }

  /**
   * Runs a script in one round trip; as the first statements of an explicit transaction, together
   * with its {@code START TRANSACTION}.
   */
  public SqlScript.Outcomes script(String operation, SqlScript script) {
    try {
      if (transaction != null) {
        if (atCommit != null && !started) {
          started = true;
          return script.runAfterStart(transaction);
        }
        return script.run(transaction);
      }
      requireOpen();
      return jdbi.withHandle(script::run);
    } catch (JdbiException e) {
      throw SqlFailures.translate(operation, e);
    }
  }

  /** Runs one operation that returns nothing. */
  public void run(String operation, Consumer<Handle> work) {
    call(
        operation,
        handle -> {
          work.accept(handle);
          return null;
        });
  }

  /**
   * Runs statements of the store's own in one transaction (joining the current one, if any), again
   * when the database broke a deadlock by rolling it back.
   */
  public <T> T atomically(String operation, HandleCallback<T, RuntimeException> work) {
    if (transaction != null) {
      return call(operation, work);
    }
    requireOpen();
    for (int attempt = 1; ; attempt++) {
      try {
        if (explicitTransactions) {
          return jdbi.withHandle(h -> explicitly(h, work));
        }
        return jdbi.inTransaction(ISOLATION, work);
      } catch (JdbiException e) {
        if (attempt >= DEADLOCK_ATTEMPTS || !SqlFailures.isDeadlock(e)) {
          throw SqlFailures.translate(operation, e);
        }
        log.debug("Deadlock on attempt {} to {}; running it again", attempt, operation);
      }
    }
  }

  /**
   * Runs caller work in one transaction, giving it a session bound to the transaction's handle;
   * inside a transaction, joins it. Never runs the work again.
   */
  public <T> T inTransaction(Function<JdbiSession, T> work) {
    if (transaction != null) {
      return work.apply(this);
    }
    requireOpen();
    try {
      if (explicitTransactions) {
        return jdbi.withHandle(
            h -> {
              JdbiSession bound = new JdbiSession(jdbi, h, closed, null, true);
              boolean committed = false;
              try {
                T result = work.apply(bound);
                bound.commit();
                committed = true;
                return result;
              } finally {
                if (!committed && bound.started) {
                  rollback(h);
                }
              }
            });
      }
      return jdbi.inTransaction(
          ISOLATION, handle -> work.apply(new JdbiSession(jdbi, handle, closed, null, false)));
    } catch (JdbiException e) {
      throw SqlFailures.translate("run a transaction", e);
    }
  }

  /**
   * {@code START TRANSACTION}, the work, {@code COMMIT} on a connection in autocommit mode; {@code
   * ROLLBACK} when anything fails.
   */
  static <T> T explicitly(Handle handle, HandleCallback<T, RuntimeException> work) {
    handle.execute("START TRANSACTION");
    boolean settled = false;
    try {
      T result = work.withHandle(handle);
      handle.execute("COMMIT");
      settled = true;
      return result;
    } finally {
      if (!settled) {
        rollback(handle);
      }
    }
  }

  /**
   * Ends the explicit transaction of this bound session after its work: the statements deferred to
   * the commit and {@code COMMIT} in one round trip (with {@code START TRANSACTION} when nothing
   * was sent yet).
   */
  private void commit() {
    if (!started && atCommit.isEmpty()) {
      return;
    }
    SqlScript commit = new SqlScript();
    atCommit.forEach(commit::update);
    commit.update("COMMIT");
    boolean settled = false;
    try {
      if (started) {
        commit.run(transaction);
      } else {
        commit.runAfterStart(transaction);
      }
      settled = true;
    } finally {
      if (!settled) {
        rollback(transaction);
      }
    }
  }

  static void rollback(Handle handle) {
    try {
      handle.execute("ROLLBACK");
    } catch (RuntimeException e) {
      // The connection is broken; the pool drops it and the server rolls back.
    }
  }

  /** Closes the pool the session owns, once; a transaction's session has nothing to close. */
  public void close() {
    if (transaction == null && closed.compareAndSet(false, true) && ownedPool != null) {
      try {
        ownedPool.close();
      } catch (Exception e) {
        log.warn("Closing the store's connection pool failed", e);
      }
    }
  }

  private void requireOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the store is closed");
    }
  }
}
