package io.kubemin.metrics;

import io.kubemin.spi.TaskChange;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Task lease renewals and expiries, read from the store calls that make them: a renewal is a
 * compare-and-set running -> running of the same attempt (the heartbeat's), an expiry a task the
 * reaper listed as expired and then took back under the next attempt.
 */
final class LeaseMeters {
  // Expired tasks listed and not yet taken back; bounded, since a take-back may never come.
  private static final int MAX_LISTED = 10_000;

  private final Counter renewed;
  private final Counter renewalsLost;
  private final Counter expired;
  private final Set<String> listedExpired = ConcurrentHashMap.newKeySet();

  LeaseMeters(MeterRegistry registry) {
    String renewals = "kubemin.leases.renewals";
    String what = "task lease renewals by the heartbeat of the worker that runs the task";
    renewed =
        Counter.builder(renewals).description(what).tag("outcome", "renewed").register(registry);
    renewalsLost =
        Counter.builder(renewals).description(what).tag("outcome", "lost").register(registry);
    expired =
        Counter.builder("kubemin.leases.expired")
            .description("running tasks taken back after their worker's lease ran out")
            .register(registry);
  }

  /** The reaper listed these tasks as expired. */
  void listed(List<?> tasks) {
    if (listedExpired.size() > MAX_LISTED) {
      listedExpired.clear();
    }
    for (Object task : tasks) {
      if (task instanceof Task expiredTask) {
        listedExpired.add(expiredTask.id());
      }
    }
  }

  /** A conditional write of a task and whether it matched. */
  void written(TaskChange change, boolean matched) {
    Task next = change.next();
    if (change.expectedStatus() != TaskStatus.RUNNING) {
      return;
    }
    if (next.status() == TaskStatus.RUNNING && next.attempt() == change.expectedAttempt()) {
      (matched ? renewed : renewalsLost).increment();
    } else if (next.attempt() == change.expectedAttempt() + 1
        && listedExpired.remove(next.id())
        && matched) {
      expired.increment();
    }
  }
}
