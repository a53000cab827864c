package io.kubemin.k8s.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubemin.spi.JobContext;
import io.kubemin.spi.JobKind;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Waits, per kind, until an applied object is ready: workloads and claims through the informers
 * (event-driven, bounded by the job's deadline, interruptible); Services and Ingresses are ready
 * once they exist; ConfigMaps, Secrets and RBAC objects at once.
 */
public final class ReadinessWaits {
  // Lets the engine's interrupt at the deadline win, so it reports the job as timed out.
  private static final Duration GRACE = Duration.ofMillis(250);

  private final InformerSet informers;

  /**
   * @param informers the informers that feed the waits
   */
  public ReadinessWaits(InformerSet informers) {
    this.informers = informers;
  }

  /**
   * Waits for the object.
   *
   * @param applied the object as our apply left it (its generation is the one to wait for)
   * @return ready or failed; a wait that passes the deadline fails
   */
  public Verdict await(JobKind kind, HasMetadata applied, JobContext context)
      throws InterruptedException {
    long generation = generation(applied);
    return switch (kind) {
      case DEPLOYMENT ->
          await(kind, applied, o -> Readiness.of((Deployment) o, generation), context);
      case STATEFUL_SET ->
          await(kind, applied, o -> Readiness.of((StatefulSet) o, generation), context);
      case PERSISTENT_VOLUME_CLAIM -> awaitClaim((PersistentVolumeClaim) applied, context);
      default -> Verdict.ready();
    };
  }

  private Verdict awaitClaim(PersistentVolumeClaim claim, JobContext context)
      throws InterruptedException {
    if (Readiness.of(claim, false).state() == Verdict.State.READY) {
      return Verdict.ready();
    }
    boolean bindsAtFirstUse = informers.bindsAtFirstUse(claim.getSpec().getStorageClassName());
    return await(
        JobKind.PERSISTENT_VOLUME_CLAIM,
        claim,
        o -> Readiness.of((PersistentVolumeClaim) o, bindsAtFirstUse),
        context);
  }

  private Verdict await(
      JobKind kind, HasMetadata applied, Function<HasMetadata, Verdict> judge, JobContext context)
      throws InterruptedException {
    Duration timeout = Duration.between(context.clock().instant(), context.deadline()).plus(GRACE);
    try {
      return informers.await(
          kind,
          applied.getMetadata().getNamespace(),
          applied.getMetadata().getName(),
          judge,
          timeout,
          context::progress);
    } catch (TimeoutException e) {
      return Verdict.failed("not ready before the deadline (" + e.getMessage() + ")");
    }
  }

  private static long generation(HasMetadata object) {
    Long generation = object.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }
}
