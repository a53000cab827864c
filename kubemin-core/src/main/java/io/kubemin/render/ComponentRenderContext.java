package io.kubemin.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.kubemin.error.RenderException;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.RenderedObject;
import java.util.List;
import java.util.Map;

/**
 * What a {@link ComponentTypeRenderer} renders with: the component, a pod template made the
 * standard way, and the list its objects go to. Valid only during {@link
 * ComponentTypeRenderer#render}; not thread-safe.
 */
public interface ComponentRenderContext {

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

  /** The labels every object of the component carries (a fresh copy). */
  Map<String, String> labels();

  /**
   * A new pod template as the built-in types make it: the component's labels and one main container
   * with {@code image}, {@code properties.command}, {@code args}, {@code env} and the container
   * ports of {@code properties.ports}.
   *
   * @throws RenderException when the component has no image
   */
  PodTemplateSpec podTemplate();

  /**
   * Adds the component's workload and applies the component's traits to its pod: call it once, with
   * the template (from {@link #podTemplate()}) that the workload embeds. Traits see the workload
   * and every object added before it.
   *
   * @param kind the workload's kind, such as {@code JobKind.of(cronJob)}
   * @param workload the workload object; its namespace defaults to {@link #namespace()}
   * @param template the pod template inside it: the very object the workload holds (fabric8
   *     builders copy what they are given, so read it back from the built workload)
   * @throws IllegalStateException when a workload was added already
   */
  void addWorkload(JobKind kind, HasMetadata workload, PodTemplateSpec template);

  /**
   * Adds an object, applied in the band of its kind; its namespace defaults to {@link #namespace()}
   * unless the kind is cluster-scoped.
   */
  void addObject(JobKind kind, HasMetadata object);

  /** Adds an object of the kind {@link JobKind#of(HasMetadata)} gives it. */
  default void addObject(HasMetadata object) {
    addObject(JobKind.of(object), object);
  }

  /** The objects added so far, in order (read-only view). */
  List<RenderedObject> objects();

  /**
   * An error naming the component and a field; throw it.
   *
   * @param path the field's path below the component, such as {@code properties.schedule}
   * @param problem what is wrong, for a human
   */
  RenderException error(String path, String problem);
}
