package io.kubemin.internal.engine;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's check of its own lease before it touches the cluster (each job, each apply): by its
 * monotonic clock minus {@link EngineSettings#leaseMargin()}. A lease that ran out is renewed once
 * through the store before giving up (a slow heartbeat is not a lost task); when that fails or the
 * task was taken back, the task is fenced: it stops without another apply or write, so a worker
 * that was paused past its lease does not act on a task another worker now runs.
 */
final class Leases {
  private static final Logger LOG = LoggerFactory.getLogger(Leases.class);

  private Leases() {}

  /** Whether the worker may go on with the task; fences it when not. */
  static boolean ensure(EngineParts parts, TaskExecution execution) {
    if (execution.leaseHeld()) {
      return true;
    }
    if (execution.stopReason() == StopReason.FENCED) {
      return false;
    }
    try {
      new Heartbeat(parts, List.of()).beat(execution);
    } catch (RuntimeException e) {
      LOG.debug("could not renew the lease of task {}", execution.task().id(), e);
    }
    if (execution.leaseHeld() && execution.stopReason() != StopReason.FENCED) {
      return true;
    }
    LOG.warn(
        "the lease of task {} attempt {} ran out by this worker's clock and could not be renewed;"
            + " stopping without touching the cluster",
        execution.task().id(),
        execution.task().attempt());
    execution.lose("the task's lease ran out on this worker");
    return false;
  }
}
