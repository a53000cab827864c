package io.kubemin.k8s.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubemin.k8s.ReadinessRule;
import io.kubemin.spi.JobContext;
import io.kubemin.spi.JobKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Waits, per kind, until an applied object is ready: workloads and claims through the informers
 * (event-driven, bounded by the job's deadline, interruptible); Services and Ingresses are ready
 * once they exist; ConfigMaps, Secrets and RBAC objects at once. Any other kind by its {@link
 * ReadinessRule} or else by the conventions ({@link ConventionReadiness}).
 */
public final class ReadinessWaits {
  // Lets the engine's interrupt at the deadline win, so it reports the job as timed out.
  private static final Duration GRACE = Duration.ofMillis(250);

  private final InformerSet informers;
  private final KubernetesSerialization serialization;
  private final List<ReadinessRule> rules;

  /**
   * @param informers the informers that feed the waits
   * @param serialization turns model objects into JSON maps for the conventional rule
   * @param rules the kinds' own rules, first match wins
   */
  public ReadinessWaits(
      InformerSet informers, KubernetesSerialization serialization, List<ReadinessRule> rules) {
    this.informers = informers;
    this.serialization = serialization;
    this.rules = List.copyOf(rules);
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
    if (kind.equals(JobKind.DEPLOYMENT)) {
      return await(kind, applied, o -> Readiness.of((Deployment) o, generation), context);
    }
    if (kind.equals(JobKind.STATEFUL_SET)) {
      return await(kind, applied, o -> Readiness.of((StatefulSet) o, generation), context);
    }
    if (kind.equals(JobKind.PERSISTENT_VOLUME_CLAIM)) {
      return awaitClaim((PersistentVolumeClaim) applied, context);
    }
    if (kind.builtIn()) {
      return Verdict.ready();
    }
    Function<HasMetadata, Verdict> rule = judgeOf(kind, generation);
    Verdict now = rule.apply(applied);
    if (now.settled()) {
      return now;
    }
    // A cache entry older than what our apply returned must not settle the wait.
    Function<HasMetadata, Verdict> judge =
        o -> olderThan(o, applied) ? Verdict.waiting(now.message()) : rule.apply(o);
    return await(kind, applied, judge, context);
  }

  /** Whether both resource versions are numbers (as etcd's are) and the first is the smaller. */
  private static boolean olderThan(HasMetadata object, HasMetadata reference) {
    try {
      return Long.parseLong(object.getMetadata().getResourceVersion())
          < Long.parseLong(reference.getMetadata().getResourceVersion());
    } catch (NumberFormatException | NullPointerException e) {
      return false;
    }
  }

  private Function<HasMetadata, Verdict> judgeOf(JobKind kind, long generation) {
    for (ReadinessRule rule : rules) {
      if (rule.supports(kind)) {
        return o -> verdict(rule.check(o));
      }
    }
    return o -> ConventionReadiness.of(asMap(o), generation);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> asMap(HasMetadata object) {
    return serialization.convertValue(object, Map.class);
  }

  private static Verdict verdict(ReadinessRule.Result result) {
    return switch (result.state()) {
      case READY -> Verdict.ready();
      case WAITING -> Verdict.waiting(result.message());
      case FAILED -> Verdict.failed(result.message());
    };
  }

  private Verdict awaitClaim(PersistentVolumeClaim claim, JobContext context)
      throws InterruptedException {
    if (Readiness.of(claim, false).state() == Verdict.State.READY) {
      return Verdict.ready();
    }
    String storageClass = claim.getSpec().getStorageClassName();
    informers.bindsAtFirstUse(storageClass);
    return await(
        JobKind.PERSISTENT_VOLUME_CLAIM,
        claim,
        o -> Readiness.of((PersistentVolumeClaim) o, informers.bindsAtFirstUseNow(storageClass)),
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
