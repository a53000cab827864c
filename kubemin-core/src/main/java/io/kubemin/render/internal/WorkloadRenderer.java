package io.kubemin.render.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.kubemin.model.Component;
import io.kubemin.render.Labels;
import io.kubemin.render.Naming;
import io.kubemin.render.RenderedObject;
import io.kubemin.spi.JobKind;
import io.kubemin.trait.internal.ComponentScope;
import io.kubemin.trait.internal.DefaultTraitContext;
import io.kubemin.trait.internal.EnvVars;
import io.kubemin.trait.internal.PodState;
import io.kubemin.trait.internal.TraitPipeline;
import java.util.ArrayList;
import java.util.List;

/**
 * Deployment of a {@code webservice} or StatefulSet of a {@code store}: the main container, shaped
 * by the component's traits, plus the objects the traits add.
 */
final class WorkloadRenderer {
  private static final long STATEFUL_SET_GRACE_SECONDS = 30;

  private WorkloadRenderer() {}

  /** The workload first, then the objects the traits added. */
  static List<RenderedObject> render(ComponentScope scope, TraitPipeline pipeline, JobKind kind) {
    Component component = scope.component();
    if (component.image() == null || component.image().isBlank()) {
      throw scope.error("image", "is required for a " + component.type() + " component");
    }
    PodState pod = new PodState(scope, kind, podTemplate(scope, kind));
    pipeline.apply(DefaultTraitContext.main(pod, pipeline), component.traits());
    List<RenderedObject> objects = new ArrayList<>();
    objects.add(new RenderedObject(scope.name(), kind, kind.band(), workload(scope, kind, pod)));
    objects.addAll(pod.objects());
    return objects;
  }

  private static PodTemplateSpec podTemplate(ComponentScope scope, JobKind kind) {
    Component component = scope.component();
    Container main =
        new ContainerBuilder()
            .withName(Naming.mainContainer(scope.name()))
            .withImage(component.image())
            .withImagePullPolicy("IfNotPresent")
            .withCommand(component.properties().command())
            .withArgs(component.properties().args())
            .withPorts(ServiceRenderer.containerPorts(scope))
            .withEnv(EnvVars.sorted(component.properties().env()))
            .build();
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(scope.labels())
        .endMetadata()
        .withNewSpec()
        .withContainers(main)
        .withTerminationGracePeriodSeconds(
            kind == JobKind.STATEFUL_SET ? STATEFUL_SET_GRACE_SECONDS : null)
        .endSpec()
        .build();
  }

  private static HasMetadata workload(ComponentScope scope, JobKind kind, PodState pod) {
    int replicas = scope.component().effectiveReplicas();
    LabelSelector selector =
        new LabelSelectorBuilder()
            .withMatchLabels(Labels.selector(scope.appId(), scope.name()))
            .build();
    if (kind == JobKind.DEPLOYMENT) {
      return new DeploymentBuilder()
          .withMetadata(metadata(scope, Naming.deployment(scope.name(), scope.appId())))
          .withNewSpec()
          .withReplicas(replicas)
          .withSelector(selector)
          .withTemplate(pod.template())
          .endSpec()
          .build();
    }
    return new StatefulSetBuilder()
        .withMetadata(metadata(scope, Naming.statefulSet(scope.name(), scope.appId())))
        .withNewSpec()
        .withReplicas(replicas)
        .withServiceName(Naming.headlessService(scope.name(), scope.appId()))
        .withSelector(selector)
        .withTemplate(pod.template())
        .withVolumeClaimTemplates(pod.claimTemplates())
        .endSpec()
        .build();
  }

  private static ObjectMeta metadata(ComponentScope scope, String name) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(scope.namespace())
        .withLabels(scope.labels())
        .build();
  }
}
