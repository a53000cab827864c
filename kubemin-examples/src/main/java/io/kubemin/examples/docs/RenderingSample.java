package io.kubemin.examples.docs;

import io.kubemin.model.Application;
import io.kubemin.render.RenderedApplication;
import io.kubemin.render.Renderer;
import io.kubemin.spi.RenderedObject;
import java.util.List;

/** docs/rendering.md: render an application to Kubernetes objects without applying them. */
public final class RenderingSample {
  private RenderingSample() {}

  /** The objects in apply order (band, then document order), as {@code Kind/name} lines. */
  public static List<String> applyOrder(Application application, String appId) {
    Renderer renderer = Renderer.builder().build(); // also finds custom traits (ServiceLoader)
    RenderedApplication rendered = renderer.render(application, appId);
    return rendered.objects().stream() // fabric8 model objects, with their job kind and band
        .map(o -> o.kind().kubernetesKind() + "/" + o.name())
        .toList();
  }

  /** One component's objects, as its jobs apply them. */
  public static List<RenderedObject> component(Application application, String component) {
    return Renderer.builder().build().render(application).forComponent(component);
  }

  /** The dry run: every object as YAML, Secret values shown as {@code ***}. */
  public static String dryRun(Application application) {
    return Renderer.builder().build().render(application).toYaml(false);
  }
}
