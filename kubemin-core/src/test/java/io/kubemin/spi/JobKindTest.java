package io.kubemin.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobKindTest {

  @Test
  void theTwelveBuiltInsKeepTheirStoredNamesBandsAndScopes() {
    assertThat(JobKind.values().stream().map(JobKind::name))
        .containsExactly(
            "CONFIG_MAP",
            "SECRET",
            "PERSISTENT_VOLUME_CLAIM",
            "SERVICE_ACCOUNT",
            "ROLE",
            "ROLE_BINDING",
            "CLUSTER_ROLE",
            "CLUSTER_ROLE_BINDING",
            "DEPLOYMENT",
            "STATEFUL_SET",
            "SERVICE",
            "INGRESS");
    assertThat(JobKind.values().stream().map(JobKind::band))
        .containsExactly(0, 0, 1, 1, 1, 1, 1, 1, 10, 10, 10, 20);
    assertThat(JobKind.values().stream().filter(JobKind::clusterScoped))
        .containsExactly(JobKind.CLUSTER_ROLE, JobKind.CLUSTER_ROLE_BINDING);
    for (JobKind kind : JobKind.values()) {
      assertThat(JobKind.valueOf(kind.name())).isSameAs(kind);
      assertThat(kind.builtIn()).isTrue();
    }
    assertThat(JobKind.STATEFUL_SET.apiVersion()).isEqualTo("apps/v1");
    assertThat(JobKind.STATEFUL_SET.upstreamType()).isEqualTo("store_deploy");
  }

  @Test
  void anObjectOfABuiltInKindGetsTheConstant() {
    assertThat(JobKind.of(new ServiceBuilder().build())).isSameAs(JobKind.SERVICE);
    assertThat(JobKind.of(new ClusterRoleBuilder().build())).isSameAs(JobKind.CLUSTER_ROLE);
  }

  @Test
  void anyOtherKindDefaultsToTheWorkloadBandAndANamespace() {
    JobKind certificate =
        JobKind.of(
            new GenericKubernetesResourceBuilder()
                .withApiVersion("cert-manager.io/v1")
                .withKind("Certificate")
                .build());

    assertThat(certificate.band()).isEqualTo(JobKind.BAND_WORKLOAD);
    assertThat(certificate.clusterScoped()).isFalse();
    assertThat(certificate.builtIn()).isFalse();
    assertThat(certificate.name()).isEqualTo("cert-manager.io/v1/Certificate");
    assertThat(certificate.upstreamType()).isEqualTo("certificate_deploy");
    assertThat(JobKind.valueOf(certificate.name())).isEqualTo(certificate);
    assertThat(JobKind.valueOf("v1/LimitRange").apiVersion()).isEqualTo("v1");
  }

  @Test
  void aPluginChoosesBandAndScopeOfItsKind() {
    JobKind issuer = JobKind.custom("cert-manager.io", "v1", "ClusterIssuer", false, 1);

    assertThat(issuer.band()).isEqualTo(1);
    assertThat(issuer.clusterScoped()).isTrue();
    assertThat(issuer).isEqualTo(JobKind.valueOf("cert-manager.io/v1/ClusterIssuer"));
    assertThat(List.of(issuer))
        .contains(JobKind.custom("cert-manager.io", "v1", "ClusterIssuer", true, 10));
  }

  @Test
  void malformedOrBuiltInKindsAreRefused() {
    assertThatThrownBy(() -> JobKind.custom("apps", "v1", "Deployment", true, 10))
        .hasMessageContaining("use JobKind.DEPLOYMENT");
    assertThatThrownBy(() -> JobKind.custom("x.io", "1", "Thing", true, 10))
        .hasMessageContaining("version");
    assertThatThrownBy(() -> JobKind.custom("x.io", "v1", "thing", true, 10))
        .hasMessageContaining("kind");
    assertThatThrownBy(() -> JobKind.custom("x.io", "v1", "Thing", true, -1))
        .hasMessageContaining("band");
    assertThatThrownBy(() -> JobKind.valueOf("NOPE")).hasMessageContaining("'NOPE'");
    assertThatThrownBy(() -> JobKind.of(new GenericKubernetesResourceBuilder().build()))
        .hasMessageContaining("apiVersion and kind");
  }
}
