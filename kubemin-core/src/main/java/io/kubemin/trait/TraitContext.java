package io.kubemin.trait;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.kubemin.error.RenderException;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.Traits;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.RenderedObject;
import java.util.List;
import java.util.Map;

/**
 * What a {@link TraitProcessor} works on: the component being rendered, its workload object and pod
 * template, the container the trait applies to, and every object rendered for the component so far.
 * Valid only during {@link TraitProcessor#apply}; not thread-safe.
 */
public interface TraitContext {

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

  /**
   * {@link JobKind#DEPLOYMENT}, {@link JobKind#STATEFUL_SET}, or the kind of a custom component
   * type's workload.
   */
  JobKind workloadKind();

  /**
   * The component's workload object (a Deployment, a StatefulSet or a custom component type's
   * workload): change its metadata and spec freely, for example to annotate it or set its strategy.
   * Its pod template is {@link #podTemplate()}; a StatefulSet's volume claim templates are set from
   * {@link #addVolumeClaimTemplate} after the traits ran.
   */
  HasMetadata workload();

  /**
   * Every object rendered for the component so far, in order: the workload, its Services, then what
   * earlier traits added. A read-only view that shows objects added later; the objects themselves
   * are mutable.
   */
  List<RenderedObject> objects();

  /** The pod template of the workload being built; mutate it freely. */
  PodTemplateSpec podTemplate();

  /** The component's own container (also in {@link #podTemplate()}). */
  Container mainContainer();

  /** The container this trait applies to: the main one, or an init container or sidecar. */
  Container container();

  /** The role of {@link #container()}. */
  ContainerRole containerRole();

  /**
   * JSON path of the traits object being applied, relative to the component: {@code traits}, or
   * {@code traits.sidecar[0].traits} for nested traits.
   */
  String path();

  /** The labels of the component's objects (a fresh copy). */
  Map<String, String> labels();

  /**
   * Adds a pod volume unless the pod already has a volume or claim template of that name (the first
   * one wins, so containers can share a volume by naming it alike).
   *
   * @return whether the volume was added
   */
  boolean addVolume(Volume volume);

  /**
   * Adds a volume claim template to the StatefulSet, unless a volume or claim template of that name
   * exists.
   *
   * @return whether the claim template was added
   * @throws IllegalStateException when the workload is not a StatefulSet
   */
  boolean addVolumeClaimTemplate(PersistentVolumeClaim claim);

  /**
   * Adds an object rendered next to the workload, applied in the band of its kind. Its namespace
   * defaults to {@link #namespace()} (cluster-scoped kinds have none).
   *
   * @throws IllegalArgumentException when the object's kind is not {@code kind}
   */
  void addObject(JobKind kind, HasMetadata object);

  /**
   * Adds an object of the kind {@link JobKind#of(HasMetadata)} gives it: a built-in kind's band, or
   * {@link JobKind#BAND_WORKLOAD} for any other kind (use {@link #addObject(JobKind, HasMetadata)}
   * with {@link JobKind#custom} to choose).
   */
  default void addObject(HasMetadata object) {
    addObject(JobKind.of(object), object);
  }

  /**
   * Applies traits to another container of this pod, as the built-in {@code init} and {@code
   * sidecar} traits do with their nested traits: container-level effects go to {@code container},
   * volumes and objects to this pod and component. Nested {@code init} and {@code sidecar} traits
   * are an error.
   *
   * @param traits the nested traits
   * @param container the container they apply to
   * @param role {@link ContainerRole#INIT} or {@link ContainerRole#SIDECAR}
   * @param path JSON path of {@code traits}, such as {@code traits.init[0].traits}
   */
  void applyNested(Traits traits, Container container, ContainerRole role, String path);

  /**
   * An error naming the component and {@code path()}{@code .}{@code relativePath}; throw it.
   *
   * @param relativePath path below {@link #path()}, such as {@code storage[1].size}
   * @param problem what is wrong, for a human
   */
  RenderException error(String relativePath, String problem);
}
