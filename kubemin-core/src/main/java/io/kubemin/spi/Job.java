package io.kubemin.spi;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * One object to apply as part of a task.
 *
 * @param taskId the task
 * @param appId the application
 * @param stepName the workflow step
 * @param componentName the component the object belongs to
 * @param kind the object's kind (and so its band)
 * @param object the rendered object (namespace set unless cluster-scoped)
 */
public record Job(
    String taskId,
    String appId,
    String stepName,
    String componentName,
    JobKind kind,
    HasMetadata object) {
  public Job {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(object, "object");
  }

  /** The object's name, which is also the job's name. */
  public String name() {
    return object.getMetadata().getName();
  }

  /** The object's namespace, or null for cluster-scoped objects. */
  public String namespace() {
    return object.getMetadata().getNamespace();
  }

  /** {@code Kind/namespace/name}, for logs and errors. */
  public String describe() {
    String namespace = namespace();
    return kind.kubernetesKind() + "/" + (namespace == null ? "" : namespace + "/") + name();
  }
}
