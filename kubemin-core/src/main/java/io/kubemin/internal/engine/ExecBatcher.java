package io.kubemin.internal.engine;

import io.kubemin.spi.DataStore;
import io.kubemin.spi.DataStoreException;
import io.kubemin.spi.NewTask;
import io.kubemin.spi.TaskInsertion;
import io.kubemin.workflow.Task;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of execs: the task insertions of every thread of this instance are gathered by one
 * committer thread and written with {@link DataStore#insertTasksOfApplications}, one transaction
 * for as many as arrived while the previous one was written, so that concurrent execs share a
 * commit (and its fsync). When a batch fails, each of its insertions is written again on its own,
 * so that each caller learns its own outcome: a duplicate id fails its exec alone. An exec that
 * finds no other being written writes itself, without waiting for the committer thread.
 *
 * <p>Execs need no order among themselves (concurrent callers have none, and a caller's next exec
 * comes after its last returned), so once {@link #PARALLEL_BATCH_MIN} wait while a batch is being
 * written, a second committer writes them at once: the store's two transactions lock their
 * applications in the order of their ids and never wait for each other in a cycle.
 */
final class ExecBatcher extends Committer<ExecBatcher.Pending> {
  private static final Logger LOG = LoggerFactory.getLogger(ExecBatcher.class);

  /** Insertions per transaction, at most. */
  static final int MAX_BATCH = 64;

  /**
   * Execs that must wait for a second batch to be written beside the first: fewer join the next
   * batch, so that small bursts keep sharing one commit.
   */
  static final int PARALLEL_BATCH_MIN = 8;

  private final DataStore store;

  /**
   * @param store the store written in batches
   * @param name the name of the committer thread (its instance)
   */
  ExecBatcher(DataStore store, String name) {
    super("kubemin-exec-" + name, MAX_BATCH, PARALLEL_BATCH_MIN);
    this.store = store;
  }

  /**
   * Inserts the task and waits until it is durable: at once on this thread while no other exec is
   * being written, else with the next batch; once stopped, at once.
   *
   * @throws DataStoreException after a crash, or as the store's own insert would
   */
  TaskInsertion insert(NewTask task) {
    Pending insertion = new Pending(task, new CompletableFuture<>());
    return writeAndWait(insertion, insertion.result, () -> alone(task, false));
  }

  @Override
  void fail(Pending insertion, RuntimeException failure) {
    insertion.result.completeExceptionally(failure);
  }

  @Override
  void write(List<Pending> batch) {
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
      if (insertion.expectedFirstWorkflow() != null
          || insertion.expectedApplicationUpdatedAt() != null) {
        return store.insertTasksOfApplications(List.of(insertion)).get(0);
      }
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

  /** An exec waiting for its batch. */
  record Pending(NewTask task, CompletableFuture<TaskInsertion> result) {}
}
