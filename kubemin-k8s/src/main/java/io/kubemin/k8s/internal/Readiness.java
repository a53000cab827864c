package io.kubemin.k8s.internal;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;

/**
 * When workloads and claims are ready. A workload is ready when the controller has observed the
 * generation we applied and every desired replica is updated, ready and available (replicas 0 is
 * ready at once); a claim when it is Bound, or Pending on a class that binds at first use.
 */
public final class Readiness {
  private Readiness() {}

  /**
   * @param minGeneration the generation our apply produced; older observations are not ready
   */
  public static Verdict of(Deployment deployment, long minGeneration) {
    int desired = replicas(deployment.getSpec().getReplicas());
    Verdict generation = generation(deployment.getMetadata().getGeneration(), minGeneration);
    if (generation != null) {
      return generation;
    }
    if (desired == 0) {
      return Verdict.ready();
    }
    DeploymentStatus status = deployment.getStatus();
    if (status == null || notObservedYet(status.getObservedGeneration(), deployment)) {
      return Verdict.waiting("waiting for the rollout to start");
    }
    int ready = count(status.getReadyReplicas());
    boolean done =
        count(status.getUpdatedReplicas()) == desired
            && ready == desired
            && count(status.getAvailableReplicas()) == desired
            && count(status.getReplicas()) == desired;
    return done ? Verdict.ready() : replicasWaiting(ready, desired);
  }

  /**
   * @param minGeneration the generation our apply produced; older observations are not ready
   */
  public static Verdict of(StatefulSet statefulSet, long minGeneration) {
    int desired = replicas(statefulSet.getSpec().getReplicas());
    Verdict generation = generation(statefulSet.getMetadata().getGeneration(), minGeneration);
    if (generation != null) {
      return generation;
    }
    if (desired == 0) {
      return Verdict.ready();
    }
    StatefulSetStatus status = statefulSet.getStatus();
    if (status == null || notObservedYet(status.getObservedGeneration(), statefulSet)) {
      return Verdict.waiting("waiting for the rollout to start");
    }
    int ready = count(status.getReadyReplicas());
    boolean updated = onDelete(statefulSet) || count(status.getUpdatedReplicas()) == desired;
    boolean available =
        status.getAvailableReplicas() == null || status.getAvailableReplicas() == desired;
    return updated && available && ready == desired
        ? Verdict.ready()
        : replicasWaiting(ready, desired);
  }

  /**
   * @param bindsAtFirstUse whether the claim's storage class binds when a pod first uses it
   */
  public static Verdict of(PersistentVolumeClaim claim, boolean bindsAtFirstUse) {
    String phase = claim.getStatus() == null ? null : claim.getStatus().getPhase();
    if ("Bound".equals(phase)) {
      return Verdict.ready();
    }
    if ("Lost".equals(phase)) {
      return Verdict.failed("claim lost its volume");
    }
    if (bindsAtFirstUse) {
      return Verdict.ready();
    }
    return Verdict.waiting(
        "waiting for the claim to be bound (" + (phase == null ? "no phase" : phase) + ")");
  }

  private static Verdict generation(Long generation, long minGeneration) {
    return generation != null && generation < minGeneration
        ? Verdict.waiting("waiting for generation " + minGeneration)
        : null;
  }

  private static boolean notObservedYet(
      Long observedGeneration, io.fabric8.kubernetes.api.model.HasMetadata object) {
    Long generation = object.getMetadata().getGeneration();
    return generation != null && (observedGeneration == null || observedGeneration < generation);
  }

  private static boolean onDelete(StatefulSet statefulSet) {
    var strategy = statefulSet.getSpec().getUpdateStrategy();
    return strategy != null && "OnDelete".equals(strategy.getType());
  }

  private static Verdict replicasWaiting(int ready, int desired) {
    return Verdict.waiting("waiting for " + ready + "/" + desired + " replicas");
  }

  private static int replicas(Integer specReplicas) {
    return specReplicas == null ? 1 : specReplicas;
  }

  private static int count(Integer value) {
    return value == null ? 0 : value;
  }
}
