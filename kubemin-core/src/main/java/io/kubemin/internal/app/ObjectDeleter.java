package io.kubemin.internal.app;

import io.kubemin.DeletionResult;
import io.kubemin.internal.engine.JobExecutors;
import io.kubemin.internal.plan.StoredApplication;
import io.kubemin.render.RenderedApplication;
import io.kubemin.render.Renderer;
import io.kubemin.spi.Job;
import io.kubemin.spi.JobExecutor;
import io.kubemin.spi.RenderedObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the cluster objects of components: renders them again as the engine applied them and asks
 * the executors to delete each, highest band first (Ingress before workloads before claims and
 * configuration). Objects that are already gone or not ours are skipped by the executors.
 */
public final class ObjectDeleter {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectDeleter.class);
  private static final String NO_TASK = "";

  private final JobExecutors executors;
  private final Renderer renderer;

  public ObjectDeleter(JobExecutors executors, Renderer renderer) {
    this.executors = executors;
    this.renderer = renderer;
  }

  /** Deletes the objects of the named components of a stored application. */
  public DeletionResult delete(StoredApplication app, Collection<String> componentNames) {
    String appId = app.record().id();
    List<String> deleted = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    if (componentNames.isEmpty()) {
      return new DeletionResult(appId, deleted, failed);
    }
    RenderedApplication rendered;
    try {
      rendered = renderer.render(app.toModel(List.of()), appId, app.componentIds());
    } catch (RuntimeException e) {
      failed.add("*: rendering failed: " + e.getMessage());
      return new DeletionResult(appId, deleted, failed);
    }
    Map<String, RenderedObject> objects = new LinkedHashMap<>();
    componentNames.forEach(
        c -> rendered.forComponent(c).forEach(o -> objects.putIfAbsent(o.key(), o)));
    objects.values().stream()
        .sorted(Comparator.comparingInt(RenderedObject::band).reversed())
        .forEach(o -> deleteOne(appId, o, deleted, failed));
    return new DeletionResult(appId, deleted, failed);
  }

  /**
   * Deletes the objects that {@code before} renders and {@code after} does not (the objects of
   * dropped components and of removed traits), highest band first.
   */
  public DeletionResult deleteMissing(StoredApplication before, StoredApplication after) {
    String appId = before.record().id();
    List<String> deleted = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    Map<String, RenderedObject> old = new LinkedHashMap<>();
    java.util.Set<String> kept = new java.util.HashSet<>();
    try {
      renderer
          .render(before.toModel(List.of()), appId, before.componentIds())
          .objects()
          .forEach(o -> old.putIfAbsent(o.key(), o));
      renderer
          .render(after.toModel(List.of()), appId, after.componentIds())
          .objects()
          .forEach(o -> kept.add(o.key()));
    } catch (RuntimeException e) {
      failed.add("*: rendering failed: " + e.getMessage());
      return new DeletionResult(appId, deleted, failed);
    }
    old.values().stream()
        .filter(o -> !kept.contains(o.key()))
        .sorted(Comparator.comparingInt(RenderedObject::band).reversed())
        .forEach(o -> deleteOne(appId, o, deleted, failed));
    return new DeletionResult(appId, deleted, failed);
  }

  private void deleteOne(
      String appId, RenderedObject object, List<String> deleted, List<String> failed) {
    Job job = new Job(NO_TASK, appId, null, object.componentName(), object.kind(), object.object());
    String name =
        object.kind().kubernetesKind()
            + ":"
            + (job.namespace() == null ? "" : job.namespace() + "/")
            + job.name();
    JobExecutor executor = executors.forKind(object.kind()).orElse(null);
    if (executor == null) {
      failed.add(name + " (no JobExecutor supports " + object.kind().kubernetesKind() + ")");
      return;
    }
    try {
      if (executor.delete(job)) {
        deleted.add(name);
      }
    } catch (RuntimeException e) {
      LOG.warn("could not delete {}", name, e);
      failed.add(name + " (" + e.getMessage() + ")");
    }
  }
}
