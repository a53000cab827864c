package io.kubemin.internal.engine;

import io.kubemin.workflow.Task;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes back running tasks whose worker stopped renewing the lease: running -> waiting with the
 * next attempt, so another worker resumes them and a late write of the old one is rejected. Also
 * ends suspended tasks past their suspend step's deadline ({@code timeout}) or cancelled.
 */
final class Reaper {
  private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);
  private static final int BATCH = 100;

  private final EngineParts parts;
  private final Consumer<Task> takenBack;

  Reaper(EngineParts parts, Consumer<Task> takenBack) {
    this.parts = parts;
    this.takenBack = takenBack;
  }

  void reap() {
    for (Task expired : parts.store().listExpiredLeases(parts.now(), BATCH)) {
      Task back = parts.states().takeBack(expired, parts.now());
      if (back != null) {
        LOG.warn(
            "lease of task {} (owner {}) expired at {}; resuming it as attempt {}",
            expired.id(),
            expired.owner(),
            expired.leaseUntil(),
            back.attempt());
        takenBack.accept(back);
      }
    }
    Gates.endDue(parts, takenBack);
  }
}
