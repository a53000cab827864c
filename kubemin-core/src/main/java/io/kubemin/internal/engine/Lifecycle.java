package io.kubemin.internal.engine;

import io.kubemin.spi.DataStore;
import io.kubemin.spi.ExtensionContext;
import io.kubemin.spi.KubeMinExtension;
import io.kubemin.spi.Role;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start and close of an instance: the engine, then the extensions; on close the reverse, then the
 * store and queue KubeMin opened itself (never those the host passed in).
 */
public final class Lifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

  private enum State {
    NEW,
    STARTED,
    CLOSED
  }

  private final EngineParts parts;
  private final Engine engine;
  private final List<KubeMinExtension> extensions;
  private final boolean ownsStore;
  private final boolean ownsQueue;
  private final Deque<KubeMinExtension> started = new ArrayDeque<>();
  private volatile State state = State.NEW;
  private boolean crashed;

  public Lifecycle(
      EngineParts parts,
      Engine engine,
      List<KubeMinExtension> extensions,
      boolean ownsStore,
      boolean ownsQueue) {
    this.parts = parts;
    this.engine = engine;
    this.extensions = List.copyOf(extensions);
    this.ownsStore = ownsStore;
    this.ownsQueue = ownsQueue;
  }

  public synchronized void start() {
    if (state != State.NEW) {
      throw new IllegalStateException(
          "KubeMin can be started once, it is " + state.name().toLowerCase());
    }
    state = State.STARTED;
    engine.start();
    ExtensionContext context = context();
    for (KubeMinExtension extension : extensions) {
      try {
        extension.start(context);
        started.push(extension);
      } catch (RuntimeException e) {
        LOG.error("extension {} failed to start; stopping", extension.getClass().getName(), e);
        close();
        throw e;
      }
    }
    LOG.info("KubeMin instance {} started", parts.settings().instanceId());
  }

  public synchronized void close() {
    if (state == State.CLOSED) {
      return;
    }
    boolean wasStarted = state == State.STARTED;
    state = State.CLOSED;
    while (!started.isEmpty()) {
      KubeMinExtension extension = started.pop();
      try {
        extension.stop();
      } catch (RuntimeException e) {
        LOG.warn("extension {} did not stop cleanly", extension.getClass().getName(), e);
      }
    }
    if (crashed) {
      engine.releaseAfterCrash();
    } else if (wasStarted) {
      engine.close();
    }
    if (parts.store() instanceof GroupCommitStore batches) {
      batches.stop();
    }
    if (ownsQueue) {
      parts.queue().close();
    }
    if (ownsStore) {
      parts.store().close();
    }
    LOG.info("KubeMin instance {} closed", parts.settings().instanceId());
  }

  /** Stops like a dead process (for tests); {@link #close()} afterwards only releases resources. */
  public synchronized void crash() {
    crashed = true;
    engine.crash();
  }

  /** Throws unless operations are allowed (before close). */
  public void checkOpen() {
    if (state == State.CLOSED) {
      throw new IllegalStateException(
          "KubeMin instance " + parts.settings().instanceId() + " is closed");
    }
  }

  private ExtensionContext context() {
    return new ExtensionContext() {
      @Override
      public DataStore dataStore() {
        return parts.store();
      }

      @Override
      public Clock clock() {
        return parts.clock();
      }

      @Override
      public String instanceId() {
        return parts.settings().instanceId();
      }

      @Override
      public Set<Role> roles() {
        return parts.settings().roles();
      }
    };
  }
}
