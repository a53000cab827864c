package io.kubemin.render.internal;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemin.error.RenderException;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.ComponentType;
import io.kubemin.render.ComponentTypeRenderer;
import io.kubemin.render.Labels;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.RenderedObject;
import io.kubemin.trait.internal.ComponentObjects;
import io.kubemin.trait.internal.ComponentScope;
import io.kubemin.trait.internal.PolicyRunner;
import io.kubemin.trait.internal.TraitPipeline;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Renders one component: its objects by type, then share labels, de-duplicated by key. */
public final class ComponentRenderer {
  private final TraitPipeline pipeline;
  private final PolicyRunner policies;
  private final Map<String, ComponentTypeRenderer> customTypes;

  /**
   * @param pipeline the trait processors
   * @param policies the policies, run on every component after its traits
   * @param customTypes the component types of plugins, by type name
   */
  public ComponentRenderer(
      TraitPipeline pipeline,
      PolicyRunner policies,
      Map<String, ComponentTypeRenderer> customTypes) {
    this.pipeline = pipeline;
    this.policies = policies;
    this.customTypes = Map.copyOf(customTypes);
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
    ComponentObjects rendered = new ComponentObjects(scope);
    Optional<ComponentType> builtIn = component.componentType();
    if (builtIn.isPresent()) {
      objectsOf(scope, builtIn.get(), rendered);
    } else {
      renderCustom(scope, rendered);
    }
    policies.apply(scope, rendered);
    List<RenderedObject> objects = new ArrayList<>(rendered.list());
    Map<String, String> share = ShareLabels.of(application, component);
    if (!share.isEmpty()) {
      objects.forEach(o -> addLabels(o.object(), share));
    }
    if (objects.size() > 1) {
      Set<String> keys = new HashSet<>();
      objects.removeIf(o -> !keys.add(o.key()));
    }
    return objects;
  }

  private void renderCustom(ComponentScope scope, ComponentObjects rendered) {
    String typeName = scope.component().type();
    ComponentTypeRenderer custom = typeName == null ? null : customTypes.get(typeName);
    if (custom == null) {
      List<String> names = new ArrayList<>(List.of("webservice", "store", "config", "secret"));
      names.addAll(new TreeSet<>(customTypes.keySet()));
      throw scope.error(
          "type", "'" + typeName + "' is not a component type (" + String.join(", ", names) + ")");
    }
    try {
      custom.render(new CustomTypeContext(scope, pipeline, rendered));
    } catch (RenderException e) {
      throw e;
    } catch (RuntimeException e) {
      String problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new RenderException(
          scope.name(), "type", "component type '" + typeName + "': " + problem, e);
    }
  }

  private void objectsOf(ComponentScope scope, ComponentType type, ComponentObjects objects) {
    switch (type) {
      case CONFIG -> objects.add(JobKind.CONFIG_MAP, ConfigRenderer.configMap(scope));
      case SECRET -> objects.add(JobKind.SECRET, ConfigRenderer.secret(scope));
      case WEBSERVICE -> {
        List<ContainerPort> ports = ServiceRenderer.containerPorts(scope);
        List<HasMetadata> services =
            ports.isEmpty() ? List.of() : List.of(ServiceRenderer.clusterIp(scope, ports));
        WorkloadRenderer.render(scope, pipeline, JobKind.DEPLOYMENT, ports, services, objects);
      }
      case STORE -> {
        List<ContainerPort> ports = ServiceRenderer.containerPorts(scope);
        List<HasMetadata> services = new ArrayList<>();
        services.add(ServiceRenderer.headless(scope, ports));
        if (!ports.isEmpty()) {
          services.add(ServiceRenderer.clusterIp(scope, ports));
        }
        WorkloadRenderer.render(scope, pipeline, JobKind.STATEFUL_SET, ports, services, objects);
      }
    }
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
