package io.kubemin.validation;

import io.kubemin.model.Component;
import io.kubemin.model.ComponentType;
import io.kubemin.model.IngressBackend;
import io.kubemin.model.IngressRoute;
import io.kubemin.model.IngressTrait;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Rules for {@code traits.ingress[]}. */
final class IngressRules {
  private static final Set<String> PATH_TYPES =
      Set.of("prefix", "exact", "implementationspecific", "implementation-specific");

  private final Findings findings;
  private final List<Component> components;

  /**
   * @param components the application's components, which backends may name
   */
  IngressRules(Findings findings, List<Component> components) {
    this.findings = findings;
    this.components = components;
  }

  void check(IngressTrait ingress, String field) {
    checkPathType(ingress.defaultPathType(), field + ".default_path_type");
    if (ingress.routes().isEmpty()) {
      findings.error(
          field + ".routes", ValidationCodes.MISSING_INGRESS_ROUTES, "ingress routes are required");
      return;
    }
    TraitRules.each(ingress.routes(), field + ".routes", this::checkRoute);
  }

  private void checkRoute(IngressRoute route, String field) {
    checkPathType(route.pathType(), field + ".path_type");
    IngressBackend backend = route.backend();
    if (backend == null || Findings.isBlank(backend.serviceName())) {
      findings.error(
          field + ".backend.service_name",
          ValidationCodes.MISSING_SERVICE_NAME,
          "ingress route backend service_name is required");
    } else {
      checkBackendComponent(backend.serviceName(), field + ".backend.service_name");
    }
    if (backend != null && backend.servicePort() != null) {
      Ports.check(backend.servicePort(), field + ".backend.service_port", findings);
    }
  }

  /** A backend naming a component means its Service, which only pods with ports have. */
  private void checkBackendComponent(String serviceName, String field) {
    for (Component component : components) {
      if (serviceName.equals(component.name())) {
        boolean runsPods =
            component.componentType().map(ComponentType::runsContainers).orElse(false);
        if (!runsPods || component.properties().ports().isEmpty()) {
          findings.error(
              field,
              ValidationCodes.INVALID_TRAIT_CONFIG,
              "component "
                  + Findings.quote(serviceName)
                  + " has no ports, so it has no Service to route to");
        }
        return;
      }
    }
  }

  private void checkPathType(String pathType, String field) {
    if (!Findings.isBlank(pathType) && !PATH_TYPES.contains(pathType.toLowerCase(Locale.ROOT))) {
      findings.error(
          field,
          ValidationCodes.INVALID_TRAIT_CONFIG,
          "path type must be Prefix, Exact or ImplementationSpecific (got "
              + Findings.quote(pathType)
              + ")");
    }
  }
}
