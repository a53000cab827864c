package io.kubemin.k8s.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KubeSandboxIT {
  private static KubeSandbox sandbox;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    sandbox = KubeSandbox.builder().rolloutDelay(Duration.ofMillis(50)).start();
    client = sandbox.client();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void resetCounts() {
    sandbox.resetRequestCounts();
  }

  @Test
  void applyCreatesThenMergesAndIgnoresNoOps() {
    ConfigMap desired = configMap("apply-me", "v1");

    ConfigMap created = apply(desired);
    ConfigMap again = apply(configMap("apply-me", "v1"));
    ConfigMap changed = apply(configMap("apply-me", "v2"));

    assertThat(created.getData()).containsEntry("k", "v1");
    assertThat(again.getMetadata().getResourceVersion())
        .isEqualTo(created.getMetadata().getResourceVersion());
    assertThat(changed.getData()).containsEntry("k", "v2");
    assertThat(changed.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
    assertThat(Long.parseLong(changed.getMetadata().getResourceVersion()))
        .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));
    assertThat(sandbox.requestCounts()).containsEntry("patch", 3L);
  }

  @Test
  void applyOfAChangedSpecBumpsTheGenerationAndKeepsStatus() {
    Deployment first = apply(deployment("gen", 1));
    await().atMost(Duration.ofSeconds(5)).until(() -> readyReplicas("gen") == 1);

    Deployment scaled = apply(deployment("gen", 2));

    assertThat(first.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(scaled.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(scaled.getStatus().getReadyReplicas()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(5)).until(() -> readyReplicas("gen") == 2);
  }

  @Test
  void rolloutSimulatorWritesRealisticStatus() {
    apply(deployment("web", 3));
    apply(
        new StatefulSetBuilder()
            .withNewMetadata()
            .withName("db")
            .withNamespace("default")
            .endMetadata()
            .withNewSpec()
            .withReplicas(2)
            .withServiceName("db")
            .endSpec()
            .build());

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              Deployment web =
                  client.apps().deployments().inNamespace("default").withName("web").get();
              assertThat(web.getStatus()).isNotNull();
              assertThat(web.getStatus().getObservedGeneration()).isEqualTo(1L);
              assertThat(web.getStatus().getUpdatedReplicas()).isEqualTo(3);
              assertThat(web.getStatus().getAvailableReplicas()).isEqualTo(3);
              StatefulSet db =
                  client.apps().statefulSets().inNamespace("default").withName("db").get();
              assertThat(db.getStatus()).isNotNull();
              assertThat(db.getStatus().getReadyReplicas()).isEqualTo(2);
              assertThat(db.getStatus().getCurrentReplicas()).isEqualTo(2);
            });
  }

  @Test
  void neverReadyObjectsGetPodsThatNeverPassReadiness() {
    sandbox.neverReady("Deployment", "default", "stuck");
    sandbox.neverReady("PersistentVolumeClaim", "default", "unbound");

    apply(deployment("stuck", 2));
    apply(claim("unbound"));
    apply(claim("bound"));

    await().atMost(Duration.ofSeconds(5)).until(() -> "Bound".equals(phase("bound")));
    Deployment stuck = client.apps().deployments().inNamespace("default").withName("stuck").get();
    assertThat(stuck.getStatus().getUpdatedReplicas()).isEqualTo(2);
    assertThat(stuck.getStatus().getReadyReplicas()).isNull();
    assertThat(phase("unbound")).isEqualTo("Pending");
  }

  @Test
  void countsRequestsByVerb() {
    client.configMaps().inNamespace("default").resource(configMap("counted", "x")).create();
    client.configMaps().inNamespace("default").withName("counted").get();
    client.configMaps().inNamespace("default").list();
    client.configMaps().inNamespace("default").withName("counted").delete();

    assertThat(sandbox.requestCounts())
        .containsEntry("create", 1L)
        .containsEntry("get", 1L)
        .containsEntry("list", 1L)
        .containsEntry("delete", 1L);
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T apply(T object) {
    return client.resource(object).fieldManager("test").forceConflicts().serverSideApply();
  }

  private static int readyReplicas(String name) {
    Deployment d = client.apps().deployments().inNamespace("default").withName(name).get();
    Integer ready = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
    return ready == null ? 0 : ready;
  }

  private static String phase(String claim) {
    PersistentVolumeClaim c =
        client.persistentVolumeClaims().inNamespace("default").withName(claim).get();
    return c.getStatus() == null ? null : c.getStatus().getPhase();
  }

  private static ConfigMap configMap(String name, String value) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .endMetadata()
        .addToData("k", value)
        .build();
  }

  private static Deployment deployment(String name, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("main")
        .withImage("nginx:1")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static PersistentVolumeClaim claim(String name) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .endMetadata()
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withNewResources()
        .addToRequests("storage", new Quantity("1Gi"))
        .endResources()
        .endSpec()
        .build();
  }
}
