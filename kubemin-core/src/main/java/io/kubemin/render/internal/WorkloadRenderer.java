package io.kubemin.render.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.kubemin.model.Component;
import io.kubemin.render.Labels;
import io.kubemin.render.Naming;
import io.kubemin.spi.JobKind;
import io.kubemin.trait.internal.ComponentObjects;
import io.kubemin.trait.internal.ComponentScope;
import io.kubemin.trait.internal.DefaultTraitContext;
import io.kubemin.trait.internal.EnvVars;
import io.kubemin.trait.internal.Metadata;
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

  /**
   * Adds the workload, then the Services, then lets the traits shape the workload (seeing every
   * object so far) and add theirs.
   */
  static void render(
      ComponentScope scope,
      TraitPipeline pipeline,
      JobKind kind,
      List<ContainerPort> ports,
      List<HasMetadata> services,
      ComponentObjects objects) {
    Component component = scope.component();
    if (component.image() == null || component.image().isBlank()) {
      throw scope.error("image", "is required for a " + component.type() + " component");
    }
    PodTemplateSpec template = podTemplate(scope, kind, ports);
    HasMetadata workload = workload(scope, kind, template);
    objects.addWorkload(kind, workload);
    services.forEach(service -> objects.add(JobKind.SERVICE, service));
    PodState pod = new PodState(scope, kind, template, objects);
    pipeline.apply(DefaultTraitContext.main(pod, pipeline), component.traits());
    if (workload instanceof StatefulSet set) {
      set.getSpec().setVolumeClaimTemplates(new ArrayList<>(pod.claimTemplates()));
    }
  }

  static PodTemplateSpec podTemplate(
      ComponentScope scope, JobKind kind, List<ContainerPort> ports) {
    Component component = scope.component();
    Container main = new Container();
    main.setName(Naming.mainContainer(scope.name()));
    main.setImage(component.image());
    main.setImagePullPolicy("IfNotPresent");
    main.setCommand(new ArrayList<>(component.properties().command()));
    main.setArgs(new ArrayList<>(component.properties().args()));
    main.setPorts(new ArrayList<>(ports));
    main.setEnv(EnvVars.sorted(component.properties().env()));
    PodSpec spec = new PodSpec();
    spec.getContainers().add(main);
    if (kind == JobKind.STATEFUL_SET) {
      spec.setTerminationGracePeriodSeconds(STATEFUL_SET_GRACE_SECONDS);
    }
    ObjectMeta meta = new ObjectMeta();
    meta.setLabels(new java.util.LinkedHashMap<>(scope.labels()));
    PodTemplateSpec template = new PodTemplateSpec();
    template.setMetadata(meta);
    template.setSpec(spec);
    return template;
  }

  private static HasMetadata workload(
      ComponentScope scope, JobKind kind, PodTemplateSpec template) {
    int replicas = scope.component().effectiveReplicas();
    LabelSelector selector = new LabelSelector();
    selector.setMatchLabels(Labels.selector(scope.appId(), scope.name()));
    if (kind == JobKind.DEPLOYMENT) {
      DeploymentSpec spec = new DeploymentSpec();
      spec.setReplicas(replicas);
      spec.setSelector(selector);
      spec.setTemplate(template);
      Deployment deployment = new Deployment();
      deployment.setMetadata(metadata(scope, Naming.deployment(scope.name(), scope.appId())));
      deployment.setSpec(spec);
      return deployment;
    }
    StatefulSetSpec spec = new StatefulSetSpec();
    spec.setReplicas(replicas);
    spec.setServiceName(Naming.headlessService(scope.name(), scope.appId()));
    spec.setSelector(selector);
    spec.setTemplate(template);
    spec.setVolumeClaimTemplates(new ArrayList<>());
    StatefulSet set = new StatefulSet();
    set.setMetadata(metadata(scope, Naming.statefulSet(scope.name(), scope.appId())));
    set.setSpec(spec);
    return set;
  }

  private static ObjectMeta metadata(ComponentScope scope, String name) {
    return Metadata.of(name, scope.namespace(), scope.labels());
  }
}
