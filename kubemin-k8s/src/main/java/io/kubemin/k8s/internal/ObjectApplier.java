package io.kubemin.k8s.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubemin.spi.Job;
import io.kubemin.spi.JobKind;

/**
 * Brings one object to its desired state with at most one write: reads the deployed object from the
 * informer cache (one GET when the cache does not have it), leaves RBAC objects that are not ours
 * alone, writes nothing when the deployed object already matches, and otherwise applies it
 * server-side (field manager, force).
 */
public final class ObjectApplier {
  private final KubernetesClient client;
  private final InformerSet informers;
  private final DesiredState desiredState;
  private final String fieldManager;

  /** What an apply did. */
  public enum Outcome {
    /** The object did not exist and now does. */
    CREATED,
    /** The object existed and was changed. */
    UPDATED,
    /** The object already matched: nothing written. */
    UNCHANGED,
    /** An RBAC object exists that another party owns: left untouched. */
    NOT_OURS
  }

  /**
   * @param outcome what happened
   * @param object the object as the server has it now
   */
  public record Result(Outcome outcome, HasMetadata object) {}

  /**
   * @param client the client
   * @param informers the cache of deployed objects
   * @param fieldManager the server-side apply field manager
   */
  public ObjectApplier(KubernetesClient client, InformerSet informers, String fieldManager) {
    this.client = client;
    this.informers = informers;
    this.desiredState = new DesiredState(client.getKubernetesSerialization());
    this.fieldManager = fieldManager;
  }

  /** Applies {@code desired} (the job's object, possibly with fetched data). */
  public Result apply(Job job, HasMetadata desired) throws InterruptedException {
    JobKind kind = job.kind();
    HasMetadata existing = informers.cached(kind, job.namespace(), job.name());
    if (existing == null) {
      existing = client.resource(desired).get();
    }
    if (existing != null
        && ObjectLabels.isRbac(kind)
        && !ObjectLabels.ownedBy(existing, kind, job.appId())) {
      return new Result(Outcome.NOT_OURS, existing);
    }
    if (existing != null && desiredState.satisfiedBy(desired, existing)) {
      return new Result(Outcome.UNCHANGED, existing);
    }
    HasMetadata applied =
        client.resource(desired).fieldManager(fieldManager).forceConflicts().serverSideApply();
    return new Result(existing == null ? Outcome.CREATED : Outcome.UPDATED, applied);
  }
}
