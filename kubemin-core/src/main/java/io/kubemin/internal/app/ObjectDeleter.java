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
        .sorted(REVERSE_BANDS)
        .forEach(o -> deleteOne(appId, o, deleted, failed));
    return new DeletionResult(appId, deleted, failed);
  }

  /** Deletes the objects in the order given (garbage: highest band first). */
  public DeletionResult deleteAll(String appId, List<RenderedObject> objects) {
    List<String> deleted = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    objects.forEach(o -> deleteOne(appId, o, deleted, failed));
    return new DeletionResult(appId, deleted, failed);
  }

  private void deleteOne(
      String appId, RenderedObject object, List<String> deleted, List<String> failed) {
    Deletion deletion = deleteObject(appId, object);
    if (deletion.failure() != null) {
      failed.add(deletion.name() + " (" + deletion.failure() + ")");
    } else if (deletion.deleted()) {
      deleted.add(deletion.name());
    }
  }

  /**
   * Deletes one object through the executor of its kind, which leaves it alone when it is gone or
   * does not carry the application's ownership labels: the one path every deletion takes (removed
   * components, rollback, garbage collection).
   */
  public Deletion deleteObject(String appId, RenderedObject object) {
    Job job = new Job(NO_TASK, appId, null, object.componentName(), object.kind(), object.object());
    String name =
        object.kind().kubernetesKind()
            + ":"
            + (job.namespace() == null ? "" : job.namespace() + "/")
            + job.name();
    JobExecutor executor = executors.forKind(object.kind()).orElse(null);
    if (executor == null) {
      return new Deletion(name, false, "no JobExecutor supports " + object.kind().kubernetesKind());
    }
    try {
      return new Deletion(name, executor.delete(job), null);
    } catch (RuntimeException e) {
      LOG.warn("could not delete {}", name, e);
      return new Deletion(name, false, String.valueOf(e.getMessage()));
    }
  }

  /**
   * What deleting one object did.
   *
   * @param name {@code Kind:namespace/name}
   * @param deleted whether it was deleted (false: gone already, or not ours)
   * @param failure why it could not be deleted, null when it is gone
   */
  public record Deletion(String name, boolean deleted, String failure) {}

  /** Highest band first (Ingress, workloads, claims and RBAC, configuration). */
  public static final Comparator<RenderedObject> REVERSE_BANDS =
      Comparator.comparingInt(RenderedObject::band).reversed();
}
