package io.kubemin.examples.docs.plugins;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemin.k8s.ReadinessRule;
import io.kubemin.spi.JobKind;
import java.util.List;
import java.util.Map;

/**
 * cert-manager's Certificates are ready once their {@code Ready} condition is {@code True}; they
 * have no status at all until cert-manager writes one, which the conventions would take for ready.
 */
public final class CertificateReadiness implements ReadinessRule {

  @Override
  public boolean supports(JobKind kind) {
    return kind.group().equals("cert-manager.io") && kind.kubernetesKind().equals("Certificate");
  }

  @Override
  public Result check(HasMetadata object) {
    Object status = ((GenericKubernetesResource) object).getAdditionalProperties().get("status");
    Object conditions = status instanceof Map<?, ?> map ? map.get("conditions") : null;
    if (conditions instanceof List<?> list) {
      for (Object each : list) {
        if (each instanceof Map<?, ?> condition && "Ready".equals(condition.get("type"))) {
          return "True".equals(condition.get("status"))
              ? Result.ready()
              : Result.waiting("certificate not issued: " + condition.get("reason"));
        }
      }
    }
    return Result.waiting("certificate not issued yet");
  }
}
