package io.kubemin.render.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.kubemin.error.RenderException;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.render.ComponentRenderContext;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.RenderedObject;
import io.kubemin.trait.internal.ComponentObjects;
import io.kubemin.trait.internal.ComponentScope;
import io.kubemin.trait.internal.DefaultTraitContext;
import io.kubemin.trait.internal.PodState;
import io.kubemin.trait.internal.TraitPipeline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@link ComponentRenderContext} of one component of a custom type. */
final class CustomTypeContext implements ComponentRenderContext {
  private final ComponentScope scope;
  private final TraitPipeline pipeline;
  private final ComponentObjects objects;

  CustomTypeContext(ComponentScope scope, TraitPipeline pipeline, ComponentObjects objects) {
    this.scope = scope;
    this.pipeline = pipeline;
    this.objects = objects;
  }

  @Override
  public Application application() {
    return scope.application();
  }

  @Override
  public Component component() {
    return scope.component();
  }

  @Override
  public String appId() {
    return scope.appId();
  }

  @Override
  public String componentId() {
    return scope.componentId();
  }

  @Override
  public String namespace() {
    return scope.namespace();
  }

  @Override
  public Map<String, String> labels() {
    return new LinkedHashMap<>(scope.labels());
  }

  @Override
  public PodTemplateSpec podTemplate() {
    Component component = scope.component();
    if (component.image() == null || component.image().isBlank()) {
      throw scope.error("image", "is required for a " + component.type() + " component");
    }
    return WorkloadRenderer.podTemplate(scope, null, ServiceRenderer.containerPorts(scope));
  }

  @Override
  public void addWorkload(JobKind kind, HasMetadata workload, PodTemplateSpec template) {
    if (objects.workload().isPresent()) {
      throw new IllegalStateException("the component's workload was added already");
    }
    if (template.getSpec() == null || template.getSpec().getContainers().isEmpty()) {
      throw new IllegalArgumentException("the pod template needs its main container");
    }
    objects.addChecked(kind, workload);
    objects.markWorkload(workload);
    PodState pod = new PodState(scope, kind, template, objects);
    pipeline.apply(DefaultTraitContext.main(pod, pipeline), scope.component().traits());
  }

  @Override
  public void addObject(JobKind kind, HasMetadata object) {
    objects.addChecked(kind, object);
  }

  @Override
  public List<RenderedObject> objects() {
    return objects.view();
  }

  @Override
  public RenderException error(String path, String problem) {
    return scope.error(path, problem);
  }
}
