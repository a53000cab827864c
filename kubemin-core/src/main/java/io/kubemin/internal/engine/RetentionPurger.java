package io.kubemin.internal.engine;

import io.kubemin.spi.ApplicationRecord;
import io.kubemin.workflow.Retention;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the retention policies on the leader: for each application, purges its ended tasks (with
 * their job records) beyond the policy's count or age, in batches of {@value #BATCH}, at most
 * {@value #MAX_BATCHES} batches per application and pass, so one pass never holds the dispatcher
 * long. A store that cannot purge is reported once and left alone.
 */
final class RetentionPurger {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionPurger.class);
  static final int BATCH = 500;
  static final int MAX_BATCHES = 20;

  private final EngineParts parts;
  private final Retention fallback;
  private final Map<String, Retention> perApp;
  private volatile boolean unsupported;
  private volatile boolean behind;

  RetentionPurger(EngineParts parts, Retention fallback, Map<String, Retention> perApp) {
    this.parts = parts;
    this.fallback = fallback;
    this.perApp = Map.copyOf(perApp);
  }

  /** Whether a pass could purge anything at all. */
  boolean active() {
    return !unsupported
        && (!fallback.keepsAll() || perApp.values().stream().anyMatch(r -> !r.keepsAll()));
  }

  /** How often the leader runs a pass: ten poll intervals, at most a minute. */
  Duration interval() {
    Duration tenPolls = parts.settings().dispatchPollInterval().multipliedBy(10);
    Duration minute = Duration.ofMinutes(1);
    return tenPolls.compareTo(minute) < 0 ? tenPolls : minute;
  }

  /**
   * Whether the last pass stopped at its batch cap for an application with more to purge: the next
   * pass should come at once rather than after the {@linkplain #interval() interval}, or a fast
   * application's history would outgrow its retention.
   */
  boolean behind() {
    return behind;
  }

  /** One pass over every application; returns how many tasks it purged. */
  int purge() {
    if (!active()) {
      return 0;
    }
    behind = false;
    int total = 0;
    for (ApplicationRecord app : parts.store().listApplications()) {
      Retention policy = perApp.getOrDefault(app.id(), fallback);
      if (!policy.keepsAll()) {
        total += purge(app.id(), policy);
      }
      if (unsupported) {
        return total;
      }
    }
    if (total > 0) {
      LOG.info("retention purged {} ended task(s) with their job records", total);
    }
    return total;
  }

  private int purge(String appId, Retention policy) {
    int keepLast = policy.maxCount() == 0 ? Integer.MAX_VALUE : policy.maxCount();
    Instant endedBefore = policy.maxAge() == null ? null : parts.now().minus(policy.maxAge());
    int purged = 0;
    try {
      for (int batch = 0; batch < MAX_BATCHES; batch++) {
        int deleted = parts.store().purgeEndedTasks(appId, keepLast, endedBefore, BATCH);
        purged += deleted;
        if (deleted < BATCH) {
          return purged;
        }
      }
      behind = true;
    } catch (UnsupportedOperationException e) {
      unsupported = true;
      LOG.warn("retention is not applied: {}", e.getMessage());
    }
    return purged;
  }
}
