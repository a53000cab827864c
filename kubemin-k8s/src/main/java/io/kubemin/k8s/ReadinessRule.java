package io.kubemin.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemin.spi.JobKind;
import java.util.Objects;

/**
 * A kind's own readiness rule, for kinds whose readiness the conventions do not capture.
 *
 * <p>Without a rule, an object of a kind KubeMin does not know is ready when it has no {@code
 * status}; otherwise once {@code status.observedGeneration} (when present) has caught up with
 * {@code metadata.generation} and its {@code Ready} condition, or else its {@code Available}
 * condition, is {@code True}; an object with neither condition is ready. A {@code Stalled}
 * condition {@code True} fails the job. The built-in kinds keep their own rules (Deployments and
 * StatefulSets wait for their rollout, claims for Bound) and are never given to a rule.
 *
 * <p>Pass rules to {@link KubernetesJobExecutor#KubernetesJobExecutor(
 * io.fabric8.kubernetes.client.KubernetesClient, KubernetesSettings, java.util.List)} or list them
 * in {@code META-INF/services/io.kubemin.k8s.ReadinessRule}; the first rule that supports a kind
 * judges it. Rules are called on informer threads: be quick, thread-safe and never block.
 */
public interface ReadinessRule {

  /** Whether this rule judges objects of the kind. */
  boolean supports(JobKind kind);

  /**
   * Judges the object as the cluster has it now; called again on every change until the result is
   * not {@link State#WAITING} or the job's deadline passes.
   *
   * @param object the object: a fabric8 model object when the client has a class for the kind, a
   *     {@link io.fabric8.kubernetes.api.model.GenericKubernetesResource} otherwise
   */
  Result check(HasMetadata object);

  /** Where an object is. */
  enum State {
    /** Ready: the job completes. */
    READY,
    /** Not yet: wait for the next change. */
    WAITING,
    /** Will not become ready: the job fails with the message. */
    FAILED
  }

  /**
   * A judgement.
   *
   * @param state where the object is
   * @param message what is awaited or what went wrong, for a human (null when ready)
   */
  record Result(State state, String message) {
    public Result {
      Objects.requireNonNull(state, "state");
    }

    /** Ready. */
    public static Result ready() {
      return new Result(State.READY, null);
    }

    /** Waiting, for the given reason. */
    public static Result waiting(String message) {
      return new Result(State.WAITING, message);
    }

    /** Failed, for the given reason. */
    public static Result failed(String message) {
      return new Result(State.FAILED, message);
    }
  }
}
