package io.kubemin.k8s.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubemin.spi.ComponentStatus;

/**
 * The live status of a component from its workload: Running when its rollout is done with at least
 * one replica, Failed when it is gone or scaled to zero (KubeMin never asks for zero), Pending
 * otherwise.
 *
 * @param status the component status
 * @param readyReplicas ready replicas (0 when none or deleted)
 */
public record WorkloadStatus(ComponentStatus status, int readyReplicas) {
  /** The status of a deleted workload. */
  public static final WorkloadStatus GONE = new WorkloadStatus(ComponentStatus.FAILED, 0);

  /** The status of a Deployment or StatefulSet as observed. */
  public static WorkloadStatus of(HasMetadata workload) {
    Integer desired;
    Integer ready;
    Verdict verdict;
    if (workload instanceof Deployment deployment) {
      desired = deployment.getSpec().getReplicas();
      ready = deployment.getStatus() == null ? null : deployment.getStatus().getReadyReplicas();
      verdict = Readiness.of(deployment, 0);
    } else if (workload instanceof StatefulSet statefulSet) {
      desired = statefulSet.getSpec().getReplicas();
      ready = statefulSet.getStatus() == null ? null : statefulSet.getStatus().getReadyReplicas();
      verdict = Readiness.of(statefulSet, 0);
    } else {
      throw new IllegalArgumentException("not a workload: " + workload.getKind());
    }
    int readyCount = ready == null ? 0 : ready;
    if (desired != null && desired == 0) {
      return new WorkloadStatus(ComponentStatus.FAILED, readyCount);
    }
    return new WorkloadStatus(
        verdict.state() == Verdict.State.READY ? ComponentStatus.RUNNING : ComponentStatus.PENDING,
        readyCount);
  }
}
