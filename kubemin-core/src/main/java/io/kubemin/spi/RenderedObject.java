package io.kubemin.spi;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * One rendered Kubernetes object. The object is a mutable fabric8 model object: treat it as
 * read-only, or copy it before changing it.
 *
 * @param componentName the component it belongs to
 * @param kind its job kind
 * @param band the priority band it is applied in ({@link JobKind#band()})
 * @param object the object
 */
public record RenderedObject(String componentName, JobKind kind, int band, HasMetadata object) {

  public RenderedObject {
    Objects.requireNonNull(componentName, "componentName");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(object, "object");
  }

  /** The object's name. */
  public String name() {
    return object.getMetadata().getName();
  }

  /** The object's namespace, or null for cluster-scoped kinds. */
  public String namespace() {
    return object.getMetadata().getNamespace();
  }

  /** {@code Kind/namespace/name}: two objects with the same key are the same cluster object. */
  public String key() {
    return kind.kubernetesKind() + "/" + (namespace() == null ? "" : namespace()) + "/" + name();
  }
}
