package io.kubemin.trait;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemin.error.RenderException;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.RenderedObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link Policy} works on: one component and every object rendered for it so far. Valid only
 * during {@link Policy#apply}; not thread-safe.
 */
public interface PolicyContext {

  /** The application being rendered. */
  Application application();

  /** The component being rendered. */
  Component component();

  /** The application id used in names and labels. */
  String appId();

  /** The component id used in the {@code kube-min-cli-componentId} label. */
  String componentId();

  /** The namespace of the component's objects. */
  String namespace();

  /** The labels of the component's objects (a fresh copy). */
  Map<String, String> labels();

  /**
   * The component's workload, the object its traits shaped (a Deployment, a StatefulSet, or the
   * workload of a custom component type); empty for config and secret components. Mutable.
   */
  Optional<HasMetadata> workload();

  /**
   * Every object rendered for the component so far, in order (the workload first); the objects are
   * mutable, the list is a read-only view that shows objects added later.
   */
  List<RenderedObject> objects();

  /**
   * Adds an object, applied in the band of its kind; its namespace defaults to {@link #namespace()}
   * unless the kind is cluster-scoped.
   *
   * @throws IllegalArgumentException when the object's kind is not {@code kind} or it has no name
   */
  void addObject(JobKind kind, HasMetadata object);

  /** Adds an object of the kind {@link JobKind#of(HasMetadata)} gives it. */
  default void addObject(HasMetadata object) {
    addObject(JobKind.of(object), object);
  }

  /**
   * An error naming the component and {@code policies.<name>}; throw it.
   *
   * @param problem what is wrong, for a human
   */
  RenderException error(String problem);
}
