package io.kubemin.internal.engine;

import io.kubemin.spi.DataStore;
import io.kubemin.spi.DataStoreException;
import io.kubemin.spi.NewTask;
import io.kubemin.spi.TaskInsertion;
import io.kubemin.workflow.Task;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of execs: the task insertions of every thread of this instance are gathered by one
 * committer thread and written with {@link DataStore#insertTasksOfApplications}, one transaction
 * for as many as arrived while the previous one was written, so that concurrent execs share a
 * commit (and its fsync). When a batch fails, each of its insertions is written again on its own,
 * so that each caller learns its own outcome: a duplicate id fails its exec alone.
 */
final class ExecBatcher {
  private static final Logger LOG = LoggerFactory.getLogger(ExecBatcher.class);

  /** Insertions per transaction, at most. */
  static final int MAX_BATCH = 64;

  private final DataStore store;
  private final String name;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private Thread committer;
  private boolean stopped;
  private boolean crashed;

  /**
   * @param store the store written in batches
   * @param name the name of the committer thread (its instance)
   */
  ExecBatcher(DataStore store, String name) {
    this.store = store;
    this.name = name;
  }

  /** Inserts the task with the next batch and waits until it is durable. */
  TaskInsertion insert(NewTask task) {
    Pending insertion = new Pending(task, new CompletableFuture<>());
    synchronized (pending) {
      if (crashed) {
        throw new DataStoreException("the instance stopped (crash)");
      }
      if (stopped) {
        insertion = null;
      } else {
        pending.add(insertion);
        if (committer == null) {
          committer = EngineThreadFactory.named("kubemin-exec-" + name).newThread(this::commit);
          committer.start();
        }
        pending.notifyAll();
      }
    }
    if (insertion == null) {
      return alone(task, false);
    }
    try {
      return insertion.result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }

  /** Writes what is pending and stops the committer; later execs go straight to the store. */
  void stop() {
    Thread thread;
    synchronized (pending) {
      stopped = true;
      thread = committer;
      pending.notifyAll();
    }
    if (thread != null && thread != Thread.currentThread()) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Stops like a dead process: what is pending is never written, and every later exec fails. */
  void crash() {
    List<Pending> dropped;
    synchronized (pending) {
      crashed = true;
      stopped = true;
      dropped = new ArrayList<>(pending);
      pending.clear();
      pending.notifyAll();
    }
    DataStoreException failure = new DataStoreException("the instance stopped (crash)");
    dropped.forEach(p -> p.result.completeExceptionally(failure));
  }

  private void commit() {
    while (true) {
      List<Pending> batch = next();
      if (batch == null) {
        return;
      }
      write(batch);
    }
  }

  /** The next batch, waiting for one; null once stopped with nothing pending. */
  private List<Pending> next() {
    synchronized (pending) {
      while (pending.isEmpty()) {
        if (stopped) {
          committer = null;
          return null;
        }
        try {
          pending.wait();
        } catch (InterruptedException e) {
          stopped = true;
        }
      }
      List<Pending> batch = new ArrayList<>();
      while (!pending.isEmpty() && batch.size() < MAX_BATCH) {
        batch.add(pending.poll());
      }
      return batch;
    }
  }

  private void write(List<Pending> batch) {
    if (batch.size() == 1) {
      writeAlone(batch.get(0), false);
      return;
    }
    List<TaskInsertion> insertions;
    try {
      insertions = store.insertTasksOfApplications(batch.stream().map(Pending::task).toList());
    } catch (RuntimeException e) {
      LOG.debug("a batch of {} execs failed; each is written on its own", batch.size(), e);
      // A refused batch (a duplicate id) was rolled back; any other failure may have committed.
      boolean mayHaveCommitted = !(e instanceof IllegalArgumentException);
      batch.forEach(insertion -> writeAlone(insertion, mayHaveCommitted));
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).result.complete(insertions.get(i));
    }
  }

  private void writeAlone(Pending insertion, boolean mayHaveCommitted) {
    try {
      insertion.result.complete(alone(insertion.task, mayHaveCommitted));
    } catch (RuntimeException e) {
      insertion.result.completeExceptionally(e);
    }
  }

  /**
   * One insertion in a transaction of its own. After a batch that may have committed (the
   * connection broke after its commit, say), a task already stored with this new id, of the same
   * application and workflow, is this exec's, written by that batch: the exec is done.
   */
  private TaskInsertion alone(NewTask insertion, boolean mayHaveCommitted) {
    Task task = insertion.task();
    try {
      return store.insertTaskOfApplication(
          task, insertion.maxActivePerApp(), insertion.traceparent());
    } catch (IllegalArgumentException duplicate) {
      if (!mayHaveCommitted) {
        throw duplicate;
      }
      Optional<Task> stored = store.findTask(task.id());
      if (stored.isPresent()
          && stored.get().appId().equals(task.appId())
          && stored.get().workflowId().equals(task.workflowId())) {
        return TaskInsertion.INSERTED;
      }
      throw duplicate;
    }
  }

  private record Pending(NewTask task, CompletableFuture<TaskInsertion> result) {}
}
