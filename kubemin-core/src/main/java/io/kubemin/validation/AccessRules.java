package io.kubemin.validation;

import io.kubemin.model.IngressBackend;
import io.kubemin.model.IngressTrait;
import io.kubemin.model.RbacTrait;

/** Rules for the traits that grant access: {@code rbac[]} and {@code ingress[]}. */
final class AccessRules {
  private final Findings findings;

  AccessRules(Findings findings) {
    this.findings = findings;
  }

  void checkRbac(RbacTrait rbac, String field) {
    if (rbac.rules().isEmpty()) {
      findings.error(
          field + ".rules", ValidationCodes.MISSING_RBAC_RULES, "rbac rules are required");
      return;
    }
    TraitRules.each(
        rbac.rules(),
        field + ".rules",
        (rule, ruleField) -> {
          if (rule.verbs().isEmpty()) {
            findings.error(
                ruleField + ".verbs",
                ValidationCodes.MISSING_RBAC_VERBS,
                "rbac rule verbs are required, such as [get, list, watch]");
          }
        });
  }

  void checkIngress(IngressTrait ingress, String field) {
    if (ingress.routes().isEmpty()) {
      findings.error(
          field + ".routes", ValidationCodes.MISSING_INGRESS_ROUTES, "ingress routes are required");
      return;
    }
    TraitRules.each(
        ingress.routes(),
        field + ".routes",
        (route, routeField) -> {
          IngressBackend backend = route.backend();
          if (backend == null || Findings.isBlank(backend.serviceName())) {
            findings.error(
                routeField + ".backend.service_name",
                ValidationCodes.MISSING_SERVICE_NAME,
                "ingress route backend service_name is required");
          }
          // 0 is how Go clients say "unset": the default port 80.
          if (backend != null && backend.servicePort() != null && backend.servicePort() != 0) {
            Ports.check(backend.servicePort(), routeField + ".backend.service_port", findings);
          }
        });
  }
}
