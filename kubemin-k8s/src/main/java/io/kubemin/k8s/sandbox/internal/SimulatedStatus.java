package io.kubemin.k8s.sandbox.internal;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;

/**
 * The status a controller would write once a rollout finished (or, for objects that never become
 * ready, once the pods were created and never passed their readiness checks). Zero counts are left
 * out, as the API server does.
 */
final class SimulatedStatus {
  private SimulatedStatus() {}

  static DeploymentStatus of(Deployment deployment, boolean ready) {
    int replicas = replicas(deployment.getSpec().getReplicas());
    Integer readyCount = nonZero(ready ? replicas : 0);
    return new DeploymentStatusBuilder()
        .withObservedGeneration(deployment.getMetadata().getGeneration())
        .withReplicas(nonZero(replicas))
        .withUpdatedReplicas(nonZero(replicas))
        .withReadyReplicas(readyCount)
        .withAvailableReplicas(readyCount)
        .withUnavailableReplicas(nonZero(ready ? 0 : replicas))
        .build();
  }

  static StatefulSetStatus of(StatefulSet statefulSet, boolean ready) {
    int replicas = replicas(statefulSet.getSpec().getReplicas());
    Integer readyCount = nonZero(ready ? replicas : 0);
    String revision =
        statefulSet.getMetadata().getName() + "-" + statefulSet.getMetadata().getGeneration();
    return new StatefulSetStatusBuilder()
        .withObservedGeneration(statefulSet.getMetadata().getGeneration())
        .withReplicas(replicas)
        .withCurrentReplicas(nonZero(replicas))
        .withUpdatedReplicas(nonZero(replicas))
        .withReadyReplicas(readyCount)
        .withAvailableReplicas(readyCount)
        .withCurrentRevision(revision)
        .withUpdateRevision(revision)
        .build();
  }

  static PersistentVolumeClaimStatus of(PersistentVolumeClaim claim, boolean bound) {
    if (!bound) {
      return new PersistentVolumeClaimStatusBuilder().withPhase("Pending").build();
    }
    return new PersistentVolumeClaimStatusBuilder()
        .withPhase("Bound")
        .withAccessModes(claim.getSpec().getAccessModes())
        .withCapacity(
            claim.getSpec().getResources() == null
                ? null
                : claim.getSpec().getResources().getRequests())
        .build();
  }

  private static int replicas(Integer specReplicas) {
    return specReplicas == null ? 1 : specReplicas;
  }

  private static Integer nonZero(int count) {
    return count == 0 ? null : count;
  }
}
