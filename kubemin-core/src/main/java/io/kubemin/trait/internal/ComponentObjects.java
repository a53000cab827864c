package io.kubemin.trait.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.RenderedObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The objects of one component while it is rendered, in document order: the workload first, then
 * the Services, then what traits and policies add.
 */
public final class ComponentObjects {
  private final ComponentScope scope;
  private final List<RenderedObject> objects = new ArrayList<>();
  private HasMetadata workload;

  /**
   * @param scope the component
   */
  public ComponentObjects(ComponentScope scope) {
    this.scope = scope;
  }

  /** Adds the component's workload (the object its traits shape). */
  public void addWorkload(JobKind kind, HasMetadata object) {
    this.workload = object;
    add(kind, object);
  }

  /** Marks an object already added as the workload. */
  public void markWorkload(HasMetadata object) {
    this.workload = object;
  }

  /** Adds an object the renderer made. */
  public void add(JobKind kind, HasMetadata object) {
    objects.add(new RenderedObject(scope.name(), kind, kind.band(), object));
  }

  /** Adds an object a trait or policy made, after checking it. */
  public void addChecked(JobKind kind, HasMetadata object) {
    if (!kind.kubernetesKind().equals(object.getKind())) {
      throw new IllegalArgumentException(
          "object of kind " + object.getKind() + " added as " + kind.kubernetesKind());
    }
    if (object.getMetadata() == null || object.getMetadata().getName() == null) {
      throw new IllegalArgumentException("a " + kind.kubernetesKind() + " needs metadata.name");
    }
    if (object.getMetadata().getNamespace() == null && !kind.clusterScoped()) {
      object.getMetadata().setNamespace(scope.namespace());
    }
    add(kind, object);
  }

  /** The workload, if the component has one. */
  public Optional<HasMetadata> workload() {
    return Optional.ofNullable(workload);
  }

  /** A read-only live view. */
  public List<RenderedObject> view() {
    return Collections.unmodifiableList(objects);
  }

  /** The objects, for the renderer to finish. */
  public List<RenderedObject> list() {
    return objects;
  }
}
