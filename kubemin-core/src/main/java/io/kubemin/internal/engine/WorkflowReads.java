package io.kubemin.internal.engine;

import io.kubemin.spi.DataStore;
import io.kubemin.spi.WorkflowRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared workflow listings: every exec lists its application's workflows (to find the default one),
 * so the listings asked for while another is being read go to the store together, with {@link
 * DataStore#listWorkflows(java.util.Collection)}, one statement for many. A listing is always read
 * after it was asked for (never taken from a read already under way), so it sees every write that
 * ended before. A listing that finds no other being read reads itself, at once.
 */
final class WorkflowReads extends Committer<WorkflowReads.Pending> {
  private static final Logger LOG = LoggerFactory.getLogger(WorkflowReads.class);

  /** Applications per shared read, at most. */
  static final int MAX_BATCH = 64;

  private final DataStore store;

  /**
   * @param store the store read
   * @param name the name of the reader thread (its instance)
   */
  WorkflowReads(DataStore store, String name) {
    super("kubemin-read-" + name, MAX_BATCH);
    this.store = store;
  }

  /** The workflows of the application, oldest first. */
  List<WorkflowRecord> list(String appId) {
    Pending read = new Pending(appId, new CompletableFuture<>());
    return writeAndWait(read, read.result, () -> store.listWorkflows(appId));
  }

  @Override
  void fail(Pending read, RuntimeException failure) {
    read.result.completeExceptionally(failure);
  }

  @Override
  void write(List<Pending> batch) {
    Map<String, List<WorkflowRecord>> byApplication = new HashMap<>();
    try {
      List<String> appIds = batch.stream().map(Pending::appId).distinct().toList();
      for (WorkflowRecord workflow : store.listWorkflows(appIds)) {
        byApplication.computeIfAbsent(workflow.appId(), id -> new ArrayList<>()).add(workflow);
      }
    } catch (RuntimeException e) {
      LOG.debug(
          "a shared read of {} workflow listings failed; each is read alone", batch.size(), e);
      batch.forEach(this::readAlone);
      return;
    }
    for (Pending read : batch) {
      read.result.complete(List.copyOf(byApplication.getOrDefault(read.appId, List.of())));
    }
  }

  private void readAlone(Pending read) {
    try {
      read.result.complete(store.listWorkflows(read.appId));
    } catch (RuntimeException e) {
      read.result.completeExceptionally(e);
    }
  }

  /** A listing waiting for its read. */
  record Pending(String appId, CompletableFuture<List<WorkflowRecord>> result) {}
}
