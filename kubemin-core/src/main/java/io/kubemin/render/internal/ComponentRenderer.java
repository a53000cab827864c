package io.kubemin.render.internal;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.ComponentType;
import io.kubemin.render.Labels;
import io.kubemin.render.RenderedObject;
import io.kubemin.spi.JobKind;
import io.kubemin.trait.internal.ComponentScope;
import io.kubemin.trait.internal.TraitPipeline;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders one component: its objects by type, then share labels, de-duplicated by key. */
public final class ComponentRenderer {
  private final TraitPipeline pipeline;

  /**
   * @param pipeline the trait processors
   */
  public ComponentRenderer(TraitPipeline pipeline) {
    this.pipeline = pipeline;
  }

  /** The component's objects in document order. */
  public List<RenderedObject> render(
      Application application, Component component, String appId, String componentId) {
    ComponentScope scope =
        new ComponentScope(
            application,
            component,
            appId,
            componentId,
            Labels.component(
                appId, componentId, component.name(), component.properties().labels()));
    ComponentType type =
        component
            .componentType()
            .orElseThrow(
                () ->
                    scope.error(
                        "type",
                        "'"
                            + component.type()
                            + "' is not a component type (webservice, store, config, secret)"));
    List<RenderedObject> objects = new ArrayList<>(objectsOf(scope, type));
    Map<String, String> share = ShareLabels.of(application, component);
    if (!share.isEmpty()) {
      objects.forEach(o -> addLabels(o.object(), share));
    }
    Set<String> keys = new HashSet<>();
    objects.removeIf(o -> !keys.add(o.key()));
    return objects;
  }

  private List<RenderedObject> objectsOf(ComponentScope scope, ComponentType type) {
    String name = scope.name();
    return switch (type) {
      case CONFIG -> List.of(object(name, JobKind.CONFIG_MAP, ConfigRenderer.configMap(scope)));
      case SECRET -> List.of(object(name, JobKind.SECRET, ConfigRenderer.secret(scope)));
      case WEBSERVICE -> {
        List<ContainerPort> ports = ServiceRenderer.containerPorts(scope);
        List<RenderedObject> objects =
            WorkloadRenderer.render(scope, pipeline, JobKind.DEPLOYMENT, ports);
        if (!ports.isEmpty()) {
          objects.add(1, object(name, JobKind.SERVICE, ServiceRenderer.clusterIp(scope, ports)));
        }
        yield objects;
      }
      case STORE -> {
        List<ContainerPort> ports = ServiceRenderer.containerPorts(scope);
        List<RenderedObject> objects =
            WorkloadRenderer.render(scope, pipeline, JobKind.STATEFUL_SET, ports);
        objects.add(1, object(name, JobKind.SERVICE, ServiceRenderer.headless(scope, ports)));
        if (!ports.isEmpty()) {
          objects.add(2, object(name, JobKind.SERVICE, ServiceRenderer.clusterIp(scope, ports)));
        }
        yield objects;
      }
    };
  }

  private static RenderedObject object(String component, JobKind kind, HasMetadata object) {
    return new RenderedObject(component, kind, kind.band(), object);
  }

  private static void addLabels(HasMetadata object, Map<String, String> labels) {
    Map<String, String> merged = new LinkedHashMap<>();
    if (object.getMetadata().getLabels() != null) {
      merged.putAll(object.getMetadata().getLabels());
    }
    merged.putAll(labels);
    object.getMetadata().setLabels(merged);
  }
}
