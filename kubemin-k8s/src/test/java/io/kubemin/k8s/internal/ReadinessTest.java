package io.kubemin.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import org.junit.jupiter.api.Test;

class ReadinessTest {

  private static Deployment deployment(
      int replicas, long generation, DeploymentStatusBuilder status) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("d")
        .withGeneration(generation)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .endSpec()
        .withStatus(status == null ? null : status.build())
        .build();
  }

  private static DeploymentStatusBuilder rolledOut(long observed, int n) {
    return new DeploymentStatusBuilder()
        .withObservedGeneration(observed)
        .withReplicas(n)
        .withUpdatedReplicas(n)
        .withReadyReplicas(n)
        .withAvailableReplicas(n);
  }

  @Test
  void aDeploymentIsReadyWhenEveryReplicaOfTheObservedGenerationIsAvailable() {
    assertThat(Readiness.of(deployment(3, 2, rolledOut(2, 3)), 2).state())
        .isEqualTo(Verdict.State.READY);
  }

  @Test
  void aDeploymentWhoseNewGenerationIsNotObservedIsNotReady() {
    Verdict verdict = Readiness.of(deployment(3, 2, rolledOut(1, 3)), 2);

    assertThat(verdict.state()).isEqualTo(Verdict.State.WAITING);
  }

  @Test
  void aCachedObjectOlderThanOurApplyIsNotReady() {
    Verdict verdict = Readiness.of(deployment(3, 1, rolledOut(1, 3)), 2);

    assertThat(verdict.state()).isEqualTo(Verdict.State.WAITING);
    assertThat(verdict.message()).contains("generation 2");
  }

  @Test
  void oldPodsStillRunningDuringARolloutKeepItWaiting() {
    DeploymentStatusBuilder surging = rolledOut(2, 3).withReplicas(4).withUpdatedReplicas(2);

    Verdict verdict = Readiness.of(deployment(3, 2, surging), 2);

    assertThat(verdict.state()).isEqualTo(Verdict.State.WAITING);
    assertThat(verdict.message()).isEqualTo("waiting for 3/3 replicas");
  }

  @Test
  void zeroReplicasIsReadyWithoutStatus() {
    assertThat(Readiness.of(deployment(0, 1, null), 1).state()).isEqualTo(Verdict.State.READY);
  }

  @Test
  void aDeploymentWithoutStatusWaitsForTheRollout() {
    assertThat(Readiness.of(deployment(1, 1, null), 1).message())
        .isEqualTo("waiting for the rollout to start");
  }

  @Test
  void aStatefulSetIsReadyWhenReadyAndUpdatedMatch() {
    StatefulSet ready =
        statefulSet(
            2,
            null,
            new StatefulSetStatusBuilder()
                .withObservedGeneration(1L)
                .withReplicas(2)
                .withReadyReplicas(2)
                .withUpdatedReplicas(2));
    StatefulSet updating =
        statefulSet(
            2,
            null,
            new StatefulSetStatusBuilder()
                .withObservedGeneration(1L)
                .withReplicas(2)
                .withReadyReplicas(2)
                .withUpdatedReplicas(1));
    StatefulSet onDelete =
        statefulSet(
            2,
            "OnDelete",
            new StatefulSetStatusBuilder()
                .withObservedGeneration(1L)
                .withReplicas(2)
                .withReadyReplicas(2)
                .withUpdatedReplicas(0));

    assertThat(Readiness.of(ready, 1).state()).isEqualTo(Verdict.State.READY);
    assertThat(Readiness.of(updating, 1).state()).isEqualTo(Verdict.State.WAITING);
    assertThat(Readiness.of(onDelete, 1).state()).isEqualTo(Verdict.State.READY);
  }

  @Test
  void claimsAreReadyWhenBoundOrPendingOnALazyClass() {
    assertThat(Readiness.of(claim("Bound"), false).state()).isEqualTo(Verdict.State.READY);
    assertThat(Readiness.of(claim("Pending"), false).state()).isEqualTo(Verdict.State.WAITING);
    assertThat(Readiness.of(claim("Pending"), true).state()).isEqualTo(Verdict.State.READY);
    assertThat(Readiness.of(claim("Lost"), true).state()).isEqualTo(Verdict.State.FAILED);
  }

  private static StatefulSet statefulSet(
      int replicas, String strategy, StatefulSetStatusBuilder status) {
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName("s")
        .withGeneration(1L)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewUpdateStrategy()
        .withType(strategy)
        .endUpdateStrategy()
        .endSpec()
        .withStatus(status.build())
        .build();
  }

  private static PersistentVolumeClaim claim(String phase) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName("c")
        .endMetadata()
        .withNewStatus()
        .withPhase(phase)
        .endStatus()
        .build();
  }
}
