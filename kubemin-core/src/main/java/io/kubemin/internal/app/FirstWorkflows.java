package io.kubemin.internal.app;

import io.kubemin.spi.WorkflowRecord;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The first (default) workflow of the applications this instance wrote or listed lately, so that an
 * exec on a store that prefers batches needs no listing: its insert carries the workflow as known
 * here ({@link io.kubemin.spi.NewTask#expectedFirstWorkflow()}) and is written only while it is
 * still the application's first, unchanged. A workflow changed by another instance makes that
 * insert report no row, and the exec then reads the workflows and goes again.
 */
final class FirstWorkflows {
  /** Past this many applications the map starts over: a miss costs one listing, nothing more. */
  private static final int MAX_APPLICATIONS = 10_000;

  private final Map<String, WorkflowRecord> byApplication = new ConcurrentHashMap<>();
  private final boolean kept;

  /**
   * @param kept whether to keep anything: on a store that does not prefer batches a listing is
   *     cheap, and nothing is kept
   */
  FirstWorkflows(boolean kept) {
    this.kept = kept;
  }

  Optional<WorkflowRecord> known(String appId) {
    return Optional.ofNullable(byApplication.get(appId));
  }

  void remember(WorkflowRecord first) {
    if (!kept) {
      return;
    }
    if (byApplication.size() >= MAX_APPLICATIONS) {
      byApplication.clear();
    }
    byApplication.put(first.appId(), first);
  }

  void forget(String appId) {
    byApplication.remove(appId);
  }
}
