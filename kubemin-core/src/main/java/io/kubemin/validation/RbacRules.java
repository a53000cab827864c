package io.kubemin.validation;

import io.kubemin.model.RbacTrait;

/** Rules for {@code traits.rbac[]}. */
final class RbacRules {
  private final Findings findings;

  RbacRules(Findings findings) {
    this.findings = findings;
  }

  void check(RbacTrait rbac, String field) {
    if (rbac.rules().isEmpty()) {
      findings.error(
          field + ".rules", ValidationCodes.MISSING_RBAC_RULES, "rbac rules are required");
      return;
    }
    boolean clusterScope = Boolean.TRUE.equals(rbac.clusterScope());
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
          if (!rule.nonResourceUrls().isEmpty() && !clusterScope) {
            findings.error(
                ruleField + ".non_resource_urls",
                ValidationCodes.INVALID_TRAIT_CONFIG,
                "only a cluster_scope policy can grant non_resource_urls");
          }
        });
  }
}
