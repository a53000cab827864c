package io.kubemin.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesiredStateTest {
  private final DesiredState desiredState = new DesiredState(new KubernetesSerialization());

  @Test
  void aDeployedObjectWithServerFieldsSatisfiesWhatWeApply() {
    Deployment deployed = deployment(2, "web:1");
    deployed.getMetadata().setResourceVersion("7");
    deployed.getMetadata().setUid("u");
    deployed.getSpec().setRevisionHistoryLimit(10);
    deployed
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .setImagePullPolicy("IfNotPresent");

    assertThat(desiredState.satisfiedBy(deployment(2, "web:1"), deployed)).isTrue();
  }

  @Test
  void replicasImageAndLabelChangesAreChanges() {
    Deployment deployed = deployment(2, "web:1");

    assertThat(desiredState.satisfiedBy(deployment(3, "web:1"), deployed)).isFalse();
    assertThat(desiredState.satisfiedBy(deployment(2, "web:2"), deployed)).isFalse();
    Deployment relabelled = deployment(2, "web:1");
    relabelled.getMetadata().getLabels().put("tier", "front");
    assertThat(desiredState.satisfiedBy(relabelled, deployed)).isFalse();
  }

  @Test
  void configMapDataMustMatchExactly() {
    ConfigMap deployed = configMap(Map.of("a", "1", "b", "2"));

    assertThat(desiredState.satisfiedBy(configMap(Map.of("a", "1", "b", "2")), deployed)).isTrue();
    assertThat(desiredState.satisfiedBy(configMap(Map.of("a", "1")), deployed)).isFalse();
  }

  @Test
  void secretStringDataCompareWithTheServersBase64Data() {
    Secret wanted =
        new SecretBuilder()
            .withNewMetadata()
            .withName("s")
            .endMetadata()
            .withStringData(Map.of("pw", "x"))
            .build();
    Secret deployed =
        new SecretBuilder()
            .withNewMetadata()
            .withName("s")
            .endMetadata()
            .withData(Map.of("pw", "eA=="))
            .build();
    Secret other =
        new SecretBuilder()
            .withNewMetadata()
            .withName("s")
            .endMetadata()
            .withData(Map.of("pw", "eQ=="))
            .build();

    assertThat(desiredState.satisfiedBy(wanted, deployed)).isTrue();
    assertThat(desiredState.satisfiedBy(wanted, other)).isFalse();
  }

  private static ConfigMap configMap(Map<String, String> data) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("c")
        .addToLabels("x", "y")
        .endMetadata()
        .withData(data)
        .build();
  }

  private static Deployment deployment(int replicas, String image) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("d")
        .addToLabels("app", "a")
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewTemplate()
        .withNewSpec()
        .addNewContainer()
        .withName("c")
        .withImage(image)
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
