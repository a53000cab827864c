package io.kubemin.trait.internal;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.RoleRefBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.kubemin.model.RbacRule;
import io.kubemin.model.RbacTrait;
import io.kubemin.model.Traits;
import io.kubemin.render.Labels;
import io.kubemin.render.Naming;
import io.kubemin.spi.JobKind;
import io.kubemin.trait.ContainerRole;
import io.kubemin.trait.TraitContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code rbac}: per entry a ServiceAccount and a Role + RoleBinding (or ClusterRole +
 * ClusterRoleBinding with {@code cluster_scope}). Every object carries {@code
 * kube-min-cli=<appId>}, the marker that KubeMin owns it. The first entry's ServiceAccount runs the
 * pod (top level only).
 */
final class RbacProcessor extends BuiltInTraitProcessor<List<RbacTrait>> {
  private static final String RBAC_GROUP = "rbac.authorization.k8s.io";

  RbacProcessor() {
    super("rbac");
  }

  @Override
  protected List<RbacTrait> select(Traits traits) {
    return nonEmpty(traits.rbac());
  }

  @Override
  protected void applySpec(TraitContext context, List<RbacTrait> policies) {
    for (int i = 0; i < policies.size(); i++) {
      RbacTrait policy = policies.get(i);
      String path = "rbac[" + i + "]";
      List<PolicyRule> rules = rules(context, path, policy);
      String account = accountName(context, policy, i + 1);
      String namespace = blank(policy.namespace()) ? context.namespace() : policy.namespace();
      context.addObject(
          JobKind.SERVICE_ACCOUNT,
          new ServiceAccountBuilder()
              .withMetadata(
                  meta(context, account, namespace, policy.serviceAccountLabels())
                      .withAnnotations(policy.serviceAccountAnnotations())
                      .build())
              .withAutomountServiceAccountToken(policy.automountServiceAccountToken())
              .build());
      addRole(context, policy, account, namespace, rules);
      if (context.containerRole() == ContainerRole.MAIN) {
        bindToPod(context.podTemplate().getSpec(), policy, account, i == 0);
      }
    }
  }

  private static void addRole(
      TraitContext context,
      RbacTrait policy,
      String account,
      String namespace,
      List<PolicyRule> rules) {
    String role = blank(policy.roleName()) ? account + "-role" : dns(policy.roleName());
    String binding = blank(policy.bindingName()) ? account + "-binding" : dns(policy.bindingName());
    Subject subject =
        new SubjectBuilder()
            .withKind("ServiceAccount")
            .withName(account)
            .withNamespace(namespace)
            .build();
    boolean cluster = Boolean.TRUE.equals(policy.clusterScope());
    String roleKind = cluster ? "ClusterRole" : "Role";
    RoleRef roleRef =
        new RoleRefBuilder().withApiGroup(RBAC_GROUP).withKind(roleKind).withName(role).build();
    String objectNamespace = cluster ? null : namespace;
    ObjectMeta roleMeta = meta(context, role, objectNamespace, policy.roleLabels()).build();
    ObjectMeta bindingMeta =
        meta(context, binding, objectNamespace, policy.bindingLabels()).build();
    if (cluster) {
      context.addObject(
          JobKind.CLUSTER_ROLE,
          new ClusterRoleBuilder().withMetadata(roleMeta).withRules(rules).build());
      context.addObject(
          JobKind.CLUSTER_ROLE_BINDING,
          new ClusterRoleBindingBuilder()
              .withMetadata(bindingMeta)
              .withSubjects(subject)
              .withRoleRef(roleRef)
              .build());
    } else {
      context.addObject(
          JobKind.ROLE, new RoleBuilder().withMetadata(roleMeta).withRules(rules).build());
      context.addObject(
          JobKind.ROLE_BINDING,
          new RoleBindingBuilder()
              .withMetadata(bindingMeta)
              .withSubjects(subject)
              .withRoleRef(roleRef)
              .build());
    }
  }

  private static void bindToPod(PodSpec pod, RbacTrait policy, String account, boolean first) {
    if (first && pod.getServiceAccountName() == null) {
      pod.setServiceAccountName(account);
    }
    if (pod.getAutomountServiceAccountToken() == null) {
      pod.setAutomountServiceAccountToken(policy.automountServiceAccountToken());
    }
  }

  private static List<PolicyRule> rules(TraitContext context, String path, RbacTrait policy) {
    if (policy.rules().isEmpty()) {
      throw context.error(path + ".rules", "at least one rule is required");
    }
    boolean cluster = Boolean.TRUE.equals(policy.clusterScope());
    List<PolicyRule> rules = new ArrayList<>();
    for (int j = 0; j < policy.rules().size(); j++) {
      RbacRule rule = policy.rules().get(j);
      String rulePath = path + ".rules[" + j + "]";
      if (rule.verbs().isEmpty()) {
        throw context.error(rulePath + ".verbs", "at least one verb is required");
      }
      if (!rule.nonResourceUrls().isEmpty() && !cluster) {
        throw context.error(
            rulePath + ".non_resource_urls", "only a cluster_scope policy can grant URLs");
      }
      rules.add(
          new PolicyRuleBuilder()
              .withApiGroups(rule.apiGroups())
              .withResources(rule.resources())
              .withResourceNames(rule.resourceNames())
              .withNonResourceURLs(rule.nonResourceUrls())
              .withVerbs(rule.verbs())
              .build());
    }
    return rules;
  }

  private static String accountName(TraitContext context, RbacTrait policy, int n) {
    if (!blank(policy.serviceAccount())) {
      return dns(policy.serviceAccount());
    }
    String component = Naming.dnsLabel(context.component().name(), "component");
    return Naming.fit(n == 1 ? component + "-sa" : component + "-" + n + "-sa");
  }

  private static ObjectMetaBuilder meta(
      TraitContext context, String name, String namespace, Map<String, String> userLabels) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(Labels.rbac(context.appId(), context.component().name(), userLabels));
  }

  private static String dns(String name) {
    return Naming.fit(Naming.dnsLabel(name, "rbac"));
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
