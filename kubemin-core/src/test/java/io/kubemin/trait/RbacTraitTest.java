package io.kubemin.trait;

import static io.kubemin.render.RenderFixtures.APP_ID;
import static io.kubemin.render.RenderFixtures.all;
import static io.kubemin.render.RenderFixtures.only;
import static io.kubemin.render.RenderFixtures.pod;
import static io.kubemin.render.RenderFixtures.renderOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.kubemin.render.Labels;
import io.kubemin.render.RenderedApplication;
import io.kubemin.spi.JobKind;
import org.junit.jupiter.api.Test;

class RbacTraitTest {

  @Test
  void namespacedPolicyIsServiceAccountRoleAndRoleBinding() {
    RenderedApplication rendered =
        rbac(
            """
            - rules: [{api_groups: [""], resources: [pods], verbs: [get, list]}]
              service_accountLabels: {team: blue}
              service_accountAnnotations: {note: hi}
              automount_service_account_token: false
            """);

    ServiceAccount account = only(rendered, JobKind.SERVICE_ACCOUNT, ServiceAccount.class);
    Role role = only(rendered, JobKind.ROLE, Role.class);
    RoleBinding binding = only(rendered, JobKind.ROLE_BINDING, RoleBinding.class);
    assertThat(account.getMetadata().getName()).isEqualTo("web-sa");
    assertThat(account.getMetadata().getLabels())
        .containsEntry(Labels.OWNER, APP_ID)
        .containsEntry("team", "blue");
    assertThat(account.getMetadata().getAnnotations()).containsEntry("note", "hi");
    assertThat(account.getAutomountServiceAccountToken()).isFalse();
    assertThat(role.getMetadata().getName()).isEqualTo("web-sa-role");
    assertThat(role.getMetadata().getNamespace()).isEqualTo("prod");
    assertThat(role.getRules().get(0).getVerbs()).containsExactly("get", "list");
    assertThat(binding.getMetadata().getName()).isEqualTo("web-sa-binding");
    assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(binding.getRoleRef().getName()).isEqualTo("web-sa-role");
    assertThat(binding.getSubjects().get(0).getName()).isEqualTo("web-sa");
    assertThat(binding.getSubjects().get(0).getNamespace()).isEqualTo("prod");
    assertThat(pod(rendered).getServiceAccountName()).isEqualTo("web-sa");
    assertThat(pod(rendered).getAutomountServiceAccountToken()).isFalse();
  }

  @Test
  void clusterScopedPolicyIsClusterRoleAndClusterRoleBindingWithoutNamespace() {
    RenderedApplication rendered =
        rbac(
            """
            - service_account: reader
              namespace: tools
              cluster_scope: true
              role_name: node-reader
              rules: [{resources: [nodes], verbs: [get]}, {non_resource_urls: [/healthz], verbs: [get]}]
            """);

    ClusterRole role = only(rendered, JobKind.CLUSTER_ROLE, ClusterRole.class);
    ClusterRoleBinding binding =
        only(rendered, JobKind.CLUSTER_ROLE_BINDING, ClusterRoleBinding.class);
    assertThat(all(rendered, JobKind.ROLE)).isEmpty();
    assertThat(role.getMetadata().getName()).isEqualTo("node-reader");
    assertThat(role.getMetadata().getNamespace()).isNull();
    assertThat(role.getMetadata().getLabels()).containsEntry(Labels.OWNER, APP_ID);
    assertThat(role.getRules().get(1).getNonResourceURLs()).containsExactly("/healthz");
    assertThat(binding.getMetadata().getNamespace()).isNull();
    assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
    assertThat(binding.getSubjects().get(0).getNamespace()).isEqualTo("tools");
    assertThat(
            only(rendered, JobKind.SERVICE_ACCOUNT, ServiceAccount.class)
                .getMetadata()
                .getNamespace())
        .isEqualTo("tools");
  }

  @Test
  void laterPoliciesGetNumberedNamesAndOnlyTheFirstRunsThePod() {
    RenderedApplication rendered =
        rbac(
            """
            - rules: [{verbs: [get]}]
            - rules: [{verbs: [list]}]
            """);

    assertThat(all(rendered, JobKind.SERVICE_ACCOUNT))
        .extracting(o -> o.getMetadata().getName())
        .containsExactly("web-sa", "web-2-sa");
    assertThat(pod(rendered).getServiceAccountName()).isEqualTo("web-sa");
  }

  @Test
  void ruleWithoutVerbsAndUrlsOnANamespacedRoleAreErrors() {
    assertThatThrownBy(() -> rbac("- rules: [{resources: [pods]}]"))
        .hasMessageContaining("traits.rbac[0].rules[0].verbs");
    assertThatThrownBy(() -> rbac("- rules: []")).hasMessageContaining("traits.rbac[0].rules");
    assertThatThrownBy(() -> rbac("- rules: [{non_resource_urls: [/x], verbs: [get]}]"))
        .hasMessageContaining("traits.rbac[0].rules[0].non_resource_urls");
  }

  @Test
  void nestedPolicyStillRendersObjectsButDoesNotRunThePod() {
    RenderedApplication rendered =
        renderOne(
            """
              - name: web
                type: webservice
                image: nginx
                traits:
                  sidecar:
                    - image: proxy
                      traits: {rbac: [{service_account: proxy-sa, rules: [{verbs: [get]}]}]}
            """);

    assertThat(
            only(rendered, JobKind.SERVICE_ACCOUNT, ServiceAccount.class).getMetadata().getName())
        .isEqualTo("proxy-sa");
    assertThat(pod(rendered).getServiceAccountName()).isNull();
  }

  private static RenderedApplication rbac(String policies) {
    String indented = policies.strip().replace("\n", "\n        ");
    return renderOne(
        """
          - name: web
            type: webservice
            image: nginx
            traits:
              rbac:
                %s
        """
            .formatted(indented));
  }
}
