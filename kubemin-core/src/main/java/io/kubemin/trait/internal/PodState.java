package io.kubemin.trait.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.kubemin.spi.JobKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The pod of one workload while traits shape it, shared by the main context and nested ones:
 * volumes and claim templates (de-duplicated by name) and the extra objects traits add.
 */
public final class PodState {
  private final ComponentScope scope;
  private final JobKind workloadKind;
  private final PodTemplateSpec template;
  private final Container mainContainer;
  private final Set<String> volumeNames = new HashSet<>();
  private final List<PersistentVolumeClaim> claimTemplates = new ArrayList<>();
  private final ComponentObjects objects;

  /**
   * @param scope the component
   * @param workloadKind Deployment, StatefulSet or a custom component type's workload
   * @param template the pod template; its first container is the main one
   * @param objects the component's objects so far, the workload first; traits add to them
   */
  public PodState(
      ComponentScope scope,
      JobKind workloadKind,
      PodTemplateSpec template,
      ComponentObjects objects) {
    this.scope = scope;
    this.workloadKind = workloadKind;
    this.template = template;
    this.mainContainer = template.getSpec().getContainers().get(0);
    this.objects = objects;
  }

  ComponentScope scope() {
    return scope;
  }

  JobKind workloadKind() {
    return workloadKind;
  }

  /** The pod template. */
  public PodTemplateSpec template() {
    return template;
  }

  Container mainContainer() {
    return mainContainer;
  }

  boolean addVolume(Volume volume) {
    if (!volumeNames.add(volume.getName())) {
      return false;
    }
    template.getSpec().getVolumes().add(volume);
    return true;
  }

  boolean addClaimTemplate(PersistentVolumeClaim claim) {
    if (workloadKind != JobKind.STATEFUL_SET) {
      throw new IllegalStateException("volume claim templates exist only on StatefulSets");
    }
    if (!volumeNames.add(claim.getMetadata().getName())) {
      return false;
    }
    claimTemplates.add(claim);
    return true;
  }

  void addObject(JobKind kind, HasMetadata object) {
    objects.addChecked(kind, object);
  }

  /** The StatefulSet's volume claim templates, in the order traits added them. */
  public List<PersistentVolumeClaim> claimTemplates() {
    return claimTemplates;
  }

  /** The component's objects so far. */
  ComponentObjects objects() {
    return objects;
  }
}
