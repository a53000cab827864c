package io.kubemin.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemin.spi.JobKind;
import java.util.Map;

/**
 * Found through {@code META-INF/services/io.kubemin.k8s.ReadinessRule} in the tests: a Gadget of
 * example.com fails when it is annotated {@code example.com/broken}.
 */
public final class GadgetReadiness implements ReadinessRule {
  @Override
  public boolean supports(JobKind kind) {
    return kind.group().equals("example.com") && kind.kubernetesKind().equals("Gadget");
  }

  @Override
  public Result check(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations != null && annotations.containsKey("example.com/broken")
        ? Result.failed("the gadget is broken")
        : Result.ready();
  }
}
