package io.kubemin.internal.gc;

import io.kubemin.internal.engine.JobExecutors;
import io.kubemin.internal.plan.StoredApplication;
import io.kubemin.plan.ApplicationPlan;
import io.kubemin.plan.ObjectChange;
import io.kubemin.plan.ObjectPreview;
import io.kubemin.plan.PlanAction;
import io.kubemin.plan.PlanMethod;
import io.kubemin.render.RenderedApplication;
import io.kubemin.render.Renderer;
import io.kubemin.spi.Job;
import io.kubemin.spi.JobExecutor;
import io.kubemin.spi.RenderedObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan of a deploy against the cluster: every object the application renders, in apply order,
 * with what its executor says applying it would do, then its garbage (what a deploy's garbage
 * collection would delete, and the claims it would keep). Nothing is written.
 */
public final class ClusterPlanner {
  private static final String PLAN_TASK = "plan";

  private final Renderer renderer;
  private final JobExecutors executors;
  private final GarbageFinder garbage;

  public ClusterPlanner(Renderer renderer, JobExecutors executors, GarbageFinder garbage) {
    this.renderer = renderer;
    this.executors = executors;
    this.garbage = garbage;
  }

  /**
   * The plan of the application as given (stored, or about to be).
   *
   * @param stored whether objects of it may exist, so its garbage is looked for
   * @throws InterruptedException when interrupted while reading the cluster
   */
  public ApplicationPlan plan(StoredApplication app, boolean stored) throws InterruptedException {
    String appId = app.record().id();
    RenderedApplication rendered =
        renderer.render(app.toModel(List.of()), appId, app.componentIds());
    List<ObjectChange> changes = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (RenderedObject object : rendered.objects()) {
      changes.add(change(object, preview(appId, object)));
    }
    if (stored && garbage.policy(appId).enabled()) {
      Garbage found = garbage.find(app, rendered);
      found.toDelete().forEach(o -> changes.add(garbage(o, PlanAction.DELETE, null)));
      found
          .keptClaims()
          .forEach(
              o ->
                  changes.add(
                      garbage(
                          o,
                          PlanAction.NONE,
                          "no longer rendered; kept (gc.deletePersistentVolumeClaims is off)")));
      found.unreadable().forEach(k -> warnings.add("garbage not looked for: cannot list " + k));
    } else if (stored) {
      warnings.add("garbage collection is off for this application: nothing would be deleted");
    }
    return new ApplicationPlan(stored ? appId : null, changes, warnings);
  }

  private ObjectPreview preview(String appId, RenderedObject object) throws InterruptedException {
    JobExecutor executor = executors.forKind(object.kind()).orElse(null);
    if (executor == null) {
      return ObjectPreview.unknown("no JobExecutor supports " + object.kind().kubernetesKind());
    }
    Job job =
        new Job(PLAN_TASK, appId, null, object.componentName(), object.kind(), object.object());
    try {
      return executor.preview(job);
    } catch (RuntimeException e) {
      return ObjectPreview.unknown("cannot tell: " + e.getMessage());
    }
  }

  private static ObjectChange change(RenderedObject object, ObjectPreview preview) {
    return new ObjectChange(
        preview.action(),
        object.kind().apiVersion(),
        object.kind().kubernetesKind(),
        object.namespace(),
        object.name(),
        object.componentName(),
        preview.method(),
        preview.fields(),
        preview.note());
  }

  private static ObjectChange garbage(RenderedObject object, PlanAction action, String note) {
    return new ObjectChange(
        action,
        object.kind().apiVersion(),
        object.kind().kubernetesKind(),
        object.namespace(),
        object.name(),
        object.componentName(),
        PlanMethod.NONE,
        List.of(),
        note == null ? "no longer rendered" : note);
  }
}
