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

  private JdbiSession(Jdbi jdbi, Handle transaction, AtomicBoolean closed, AutoCloseable pool) {
    this.jdbi = jdbi;
    this.transaction = transaction;
    this.closed = closed;
    this.ownedPool = pool;
  }

  /** A session on {@code jdbi}; {@code ownedPool} (or null) is closed with it. */
  public static JdbiSession of(Jdbi jdbi, AutoCloseable ownedPool) {
    return new JdbiSession(jdbi, null, new AtomicBoolean(), ownedPool);
  }

  /** Runs one operation. */
  public <T> T call(String operation, HandleCallback<T, RuntimeException> work) {
    try {
      if (transaction != null) {
        return work.withHandle(transaction);
      }
      requireOpen();
      return jdbi.withHandle(work);
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
      return jdbi.inTransaction(
          ISOLATION, handle -> work.apply(new JdbiSession(jdbi, handle, closed, null)));
    } catch (JdbiException e) {
      throw SqlFailures.translate("run a transaction", e);
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
