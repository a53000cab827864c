package io.kubemin.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A ServiceAccount with a Role (or ClusterRole) and its binding ({@code traits.rbac[]}).
 *
 * @param serviceAccount ServiceAccount name (default {@code <component>-sa})
 * @param namespace namespace of the objects (default: the component's)
 * @param clusterScope ClusterRole + ClusterRoleBinding instead of Role + RoleBinding
 * @param roleName role name (default {@code <sa>-role})
 * @param bindingName binding name (default {@code <sa>-binding})
 * @param serviceAccountLabels labels of the ServiceAccount (JSON key {@code service_accountLabels})
 * @param serviceAccountAnnotations annotations of the ServiceAccount (JSON key {@code
 *     service_accountAnnotations})
 * @param roleLabels labels of the role
 * @param bindingLabels labels of the binding
 * @param rules the role's rules (at least one)
 * @param automountServiceAccountToken whether pods mount the token
 */
public record RbacTrait(
    String serviceAccount,
    String namespace,
    Boolean clusterScope,
    String roleName,
    String bindingName,
    @JsonProperty("service_accountLabels") Map<String, String> serviceAccountLabels,
    @JsonProperty("service_accountAnnotations") Map<String, String> serviceAccountAnnotations,
    Map<String, String> roleLabels,
    Map<String, String> bindingLabels,
    List<RbacRule> rules,
    Boolean automountServiceAccountToken) {
  public RbacTrait {
    serviceAccountLabels = Immutables.map(serviceAccountLabels);
    serviceAccountAnnotations = Immutables.map(serviceAccountAnnotations);
    roleLabels = Immutables.map(roleLabels);
    bindingLabels = Immutables.map(bindingLabels);
    rules = Immutables.list(rules);
  }
}
