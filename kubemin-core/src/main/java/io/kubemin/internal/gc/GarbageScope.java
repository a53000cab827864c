package io.kubemin.internal.gc;

import io.kubemin.internal.plan.StoredApplication;
import io.kubemin.render.RenderedApplication;

/**
 * What a task's garbage collection looks at: the application as the task planned it and what it
 * rendered.
 *
 * @param finder the finder, null when garbage is never collected
 * @param app the application as planned
 * @param rendered everything its current definition renders (every component, not only the steps')
 */
public record GarbageScope(
    GarbageFinder finder, StoredApplication app, RenderedApplication rendered) {
  /** Collects nothing. */
  public static final GarbageScope NONE = new GarbageScope(null, null, null);

  /** Whether this application's garbage is collected. */
  public boolean enabled() {
    return finder != null && app != null && finder.policy(app.record().id()).enabled();
  }

  /** The garbage now in the cluster. */
  public Garbage find() throws InterruptedException {
    return enabled() ? finder.find(app, rendered) : Garbage.NONE;
  }
}
