package io.kubemin.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubemin.model.Application;
import io.kubemin.model.ModelCodec;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.RenderedObject;
import java.util.List;

/**
 * Test helper: applications written as YAML, rendered with app id {@value #APP_ID}, and lookups.
 */
public final class RenderFixtures {
  public static final String APP_ID = "app1";
  public static final Renderer RENDERER = Renderer.builder().discoverTraitProcessors(false).build();

  private RenderFixtures() {}

  public static Application app(String yaml) {
    return ModelCodec.yaml().readApplication(yaml).value();
  }

  /** An application with one component, given as YAML indented for the component list. */
  public static Application oneComponent(String componentYaml) {
    return app("name: shop\nnamespace: prod\ncomponent:\n" + componentYaml);
  }

  public static RenderedApplication render(String yaml) {
    return RENDERER.render(app(yaml), APP_ID);
  }

  public static RenderedApplication renderOne(String componentYaml) {
    return RENDERER.render(oneComponent(componentYaml), APP_ID);
  }

  public static <T extends HasMetadata> T only(
      RenderedApplication rendered, JobKind kind, Class<T> type) {
    List<HasMetadata> matches = all(rendered, kind);
    if (matches.size() != 1) {
      throw new AssertionError("expected one " + kind + " but found " + matches.size());
    }
    return type.cast(matches.get(0));
  }

  public static List<HasMetadata> all(RenderedApplication rendered, JobKind kind) {
    return rendered.objects().stream()
        .filter(o -> o.kind() == kind)
        .map(RenderedObject::object)
        .toList();
  }

  public static PodSpec pod(RenderedApplication rendered) {
    List<HasMetadata> deployments = all(rendered, JobKind.DEPLOYMENT);
    if (!deployments.isEmpty()) {
      return ((Deployment) deployments.get(0)).getSpec().getTemplate().getSpec();
    }
    return only(rendered, JobKind.STATEFUL_SET, StatefulSet.class)
        .getSpec()
        .getTemplate()
        .getSpec();
  }

  public static Container container(PodSpec pod, String name) {
    return java.util.stream.Stream.concat(
            pod.getContainers().stream(), pod.getInitContainers().stream())
        .filter(c -> c.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container " + name));
  }
}
