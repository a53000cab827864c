package io.kubemin.trait.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemin.error.RenderException;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.RenderedObject;
import io.kubemin.trait.Policy;
import io.kubemin.trait.PolicyContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the policies on one component, in order, after its traits. Every failure becomes a {@link
 * RenderException} naming the component and {@code policies.<name>}.
 */
public final class PolicyRunner {
  private final List<Policy> policies;

  /**
   * @param policies the policies in the order they run
   */
  public PolicyRunner(List<Policy> policies) {
    this.policies = List.copyOf(policies);
  }

  /** Applies every policy to the component's objects. */
  public void apply(ComponentScope scope, ComponentObjects objects) {
    for (Policy policy : policies) {
      String path = "policies." + policy.name();
      try {
        policy.apply(new Context(scope, objects, path));
      } catch (RenderException e) {
        throw e;
      } catch (RuntimeException e) {
        String problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        throw new RenderException(scope.name(), path, problem, e);
      }
    }
  }

  private record Context(ComponentScope scope, ComponentObjects rendered, String path)
      implements PolicyContext {
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
    public Optional<HasMetadata> workload() {
      return rendered.workload();
    }

    @Override
    public List<RenderedObject> objects() {
      return rendered.view();
    }

    @Override
    public void addObject(JobKind kind, HasMetadata object) {
      rendered.addChecked(kind, object);
    }

    @Override
    public RenderException error(String problem) {
      return scope.error(path, problem);
    }
  }
}
