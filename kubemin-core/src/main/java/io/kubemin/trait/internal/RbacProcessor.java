package io.kubemin.trait.internal;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.kubemin.model.RbacRule;
import io.kubemin.model.RbacTrait;
import io.kubemin.model.Traits;
import io.kubemin.render.Labels;
import io.kubemin.render.Naming;
import io.kubemin.spi.JobKind;
import io.kubemin.trait.ContainerRole;
import io.kubemin.trait.TraitContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
      List<PolicyRule> rules = rules(context, "rbac[" + i + "]", policy);
      String account = accountName(context, policy, i + 1);
      String namespace = blank(policy.namespace()) ? context.namespace() : policy.namespace();
      ServiceAccount serviceAccount = new ServiceAccount();
      serviceAccount.setMetadata(meta(context, account, namespace, policy.serviceAccountLabels()));
      serviceAccount
          .getMetadata()
          .setAnnotations(new LinkedHashMap<>(policy.serviceAccountAnnotations()));
      serviceAccount.setAutomountServiceAccountToken(policy.automountServiceAccountToken());
      context.addObject(JobKind.SERVICE_ACCOUNT, serviceAccount);
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
    boolean cluster = Boolean.TRUE.equals(policy.clusterScope());
    String objectNamespace = cluster ? null : namespace;
    ObjectMeta roleMeta = meta(context, role, objectNamespace, policy.roleLabels());
    ObjectMeta bindingMeta = meta(context, binding, objectNamespace, policy.bindingLabels());
    Subject subject = new Subject();
    subject.setKind("ServiceAccount");
    subject.setName(account);
    subject.setNamespace(namespace);
    RoleRef roleRef = new RoleRef();
    roleRef.setApiGroup(RBAC_GROUP);
    roleRef.setKind(cluster ? "ClusterRole" : "Role");
    roleRef.setName(role);
    // The no-argument constructors set apiVersion and kind; the all-argument ones would not.
    if (cluster) {
      ClusterRole clusterRole = new ClusterRole();
      clusterRole.setMetadata(roleMeta);
      clusterRole.setRules(rules);
      ClusterRoleBinding clusterBinding = new ClusterRoleBinding();
      clusterBinding.setMetadata(bindingMeta);
      clusterBinding.setRoleRef(roleRef);
      clusterBinding.getSubjects().add(subject);
      context.addObject(JobKind.CLUSTER_ROLE, clusterRole);
      context.addObject(JobKind.CLUSTER_ROLE_BINDING, clusterBinding);
    } else {
      Role namespacedRole = new Role();
      namespacedRole.setMetadata(roleMeta);
      namespacedRole.setRules(rules);
      RoleBinding roleBinding = new RoleBinding();
      roleBinding.setMetadata(bindingMeta);
      roleBinding.setRoleRef(roleRef);
      roleBinding.getSubjects().add(subject);
      context.addObject(JobKind.ROLE, namespacedRole);
      context.addObject(JobKind.ROLE_BINDING, roleBinding);
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
      PolicyRule policyRule = new PolicyRule();
      policyRule.setApiGroups(new ArrayList<>(rule.apiGroups()));
      policyRule.setResources(new ArrayList<>(rule.resources()));
      policyRule.setResourceNames(new ArrayList<>(rule.resourceNames()));
      policyRule.setNonResourceURLs(new ArrayList<>(rule.nonResourceUrls()));
      policyRule.setVerbs(new ArrayList<>(rule.verbs()));
      rules.add(policyRule);
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

  private static ObjectMeta meta(
      TraitContext context, String name, String namespace, Map<String, String> userLabels) {
    return Metadata.of(
        name, namespace, Labels.rbac(context.appId(), context.component().name(), userLabels));
  }

  private static String dns(String name) {
    return Naming.fit(Naming.dnsLabel(name, "rbac"));
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
