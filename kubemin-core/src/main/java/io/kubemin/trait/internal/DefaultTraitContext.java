package io.kubemin.trait.internal;

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
import io.kubemin.trait.ContainerRole;
import io.kubemin.trait.TraitContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@link TraitContext} of one container of one pod. */
public final class DefaultTraitContext implements TraitContext {
  private final PodState pod;
  private final TraitPipeline pipeline;
  private final Container container;
  private final ContainerRole role;
  private final String path;

  /**
   * @param pod the pod being shaped
   * @param pipeline the processors, for nested traits
   * @param container the container traits apply to
   * @param role its role
   * @param path JSON path of the traits object
   */
  public DefaultTraitContext(
      PodState pod, TraitPipeline pipeline, Container container, ContainerRole role, String path) {
    this.pod = pod;
    this.pipeline = pipeline;
    this.container = container;
    this.role = role;
    this.path = path;
  }

  /** The context of the main container, for the component's top-level traits. */
  public static DefaultTraitContext main(PodState pod, TraitPipeline pipeline) {
    return new DefaultTraitContext(
        pod, pipeline, pod.mainContainer(), ContainerRole.MAIN, "traits");
  }

  @Override
  public Application application() {
    return pod.scope().application();
  }

  @Override
  public Component component() {
    return pod.scope().component();
  }

  @Override
  public String appId() {
    return pod.scope().appId();
  }

  @Override
  public String componentId() {
    return pod.scope().componentId();
  }

  @Override
  public String namespace() {
    return pod.scope().namespace();
  }

  @Override
  public JobKind workloadKind() {
    return pod.workloadKind();
  }

  @Override
  public PodTemplateSpec podTemplate() {
    return pod.template();
  }

  @Override
  public Container mainContainer() {
    return pod.mainContainer();
  }

  @Override
  public Container container() {
    return container;
  }

  @Override
  public ContainerRole containerRole() {
    return role;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public Map<String, String> labels() {
    return new LinkedHashMap<>(pod.scope().labels());
  }

  @Override
  public HasMetadata workload() {
    return pod.objects().workload().orElseThrow();
  }

  @Override
  public List<RenderedObject> objects() {
    return pod.objects().view();
  }

  @Override
  public boolean addVolume(Volume volume) {
    return pod.addVolume(volume);
  }

  @Override
  public boolean addVolumeClaimTemplate(PersistentVolumeClaim claim) {
    return pod.addClaimTemplate(claim);
  }

  @Override
  public void addObject(JobKind kind, HasMetadata object) {
    pod.addObject(kind, object);
  }

  @Override
  public void applyNested(Traits traits, Container container, ContainerRole role, String path) {
    if (role == ContainerRole.MAIN) {
      throw new IllegalArgumentException("nested traits apply to an init container or sidecar");
    }
    pipeline.apply(new DefaultTraitContext(pod, pipeline, container, role, path), traits);
  }

  @Override
  public RenderException error(String relativePath, String problem) {
    return pod.scope().error(path + "." + relativePath, problem);
  }
}
