package io.kubemin.k8s.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubemin.plan.FieldChange;
import io.kubemin.plan.ObjectPreview;
import io.kubemin.plan.PlanAction;
import io.kubemin.plan.PlanMethod;
import io.kubemin.spi.Job;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What applying a job would do, without a change: reads the deployed object (one GET), and for an
 * existing one asks the server for a server-side apply with {@code dryRun=All} and compares its
 * answer with the deployed object. A server that refuses the dry run (no server-side apply, as
 * fabric8's CRUD mock server) is remembered, and the rendered object is compared with the deployed
 * one instead, the way {@link DesiredState} decides whether to apply. Server-populated fields
 * (status, and all metadata except labels and annotations) are never compared.
 */
public final class ObjectPreviewer {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectPreviewer.class);

  /** Answers of a server without server-side apply (or without its dry run). */
  private static final Set<Integer> NO_DRY_RUN = Set.of(404, 405, 415, 501);

  /** Answers about the object itself: that one object is compared client-side. */
  private static final Set<Integer> OBJECT_REFUSED = Set.of(400, 422);

  private static final Set<String> FETCHED_FIELDS = Set.of("data", "binaryData");

  private final KubernetesClient client;
  private final DesiredState desiredState;
  private final String fieldManager;
  private volatile String dryRunRefusal;

  /**
   * @param client the client
   * @param fieldManager the server-side apply field manager
   */
  public ObjectPreviewer(KubernetesClient client, String fieldManager) {
    this.client = client;
    this.desiredState = new DesiredState(client.getKubernetesSerialization());
    this.fieldManager = fieldManager;
  }

  /** What applying the job's object would do. */
  public ObjectPreview preview(Job job) {
    HasMetadata desired = job.object();
    if ("ignore".equalsIgnoreCase(ObjectLabels.label(desired, ObjectLabels.SHARE_STRATEGY))) {
      return none("share strategy 'ignore': never applied");
    }
    if (!job.kind().builtIn() && Kinds.type(client, job.kind()) == null) {
      try {
        Kinds.discover(client, job.kind());
      } catch (UnknownKindException e) {
        return none(e.getMessage());
      }
    }
    HasMetadata existing;
    try {
      existing = client.resource(desired).get();
    } catch (UnknownKindException e) {
      return none(e.getMessage());
    } catch (KubernetesClientException e) {
      if (!job.kind().builtIn() && e.getCode() == 404) {
        return none(job.kind().kubernetesKind() + " is not served by the cluster");
      }
      throw e;
    }
    if (existing == null) {
      return new ObjectPreview(PlanAction.CREATE, PlanMethod.NONE, List.of(), null);
    }
    if (ObjectLabels.isRbac(job.kind())
        && !ObjectLabels.ownedBy(existing, job.kind(), job.appId())) {
      return none("exists and is not managed by this application: left untouched");
    }
    boolean fetched = ObjectLabels.annotation(desired, ObjectLabels.SOURCE_URL) != null;
    String note = fetched ? "data is fetched at apply time and not compared" : null;
    if (!fetched && dryRunRefusal == null) {
      try {
        ObjectPreview served = serverDryRun(desired, existing);
        if (served != null) {
          return served;
        }
      } catch (KubernetesClientException e) {
        if (!OBJECT_REFUSED.contains(e.getCode())) {
          throw e;
        }
        note =
            "the server's dry run refuses the object (HTTP " + e.getCode() + "): a deploy may fail";
      }
    }
    List<FieldChange> fields =
        FieldDiff.ofDesired(
            comparable(desired, fetched), comparable(existing, fetched), secret(job));
    String why = dryRunRefusal == null ? note : join(note, "no server dry run: " + dryRunRefusal);
    return result(fields, PlanMethod.CLIENT_COMPARISON, why);
  }

  private ObjectPreview serverDryRun(HasMetadata desired, HasMetadata existing) {
    HasMetadata answer;
    try {
      answer =
          client
              .resource(desired)
              .dryRun()
              .fieldManager(fieldManager)
              .forceConflicts()
              .serverSideApply();
    } catch (KubernetesClientException e) {
      if (!NO_DRY_RUN.contains(e.getCode())) {
        throw e;
      }
      dryRunRefusal = "HTTP " + e.getCode();
      LOG.info(
          "the server refuses server-side apply with dryRun (HTTP {}): plans compare objects"
              + " client-side",
          e.getCode());
      return null;
    }
    boolean secret = "Secret".equals(existing.getKind());
    List<FieldChange> fields =
        FieldDiff.between(
            desiredState.comparable(answer), desiredState.comparable(existing), secret);
    return result(fields, PlanMethod.SERVER_DRY_RUN, null);
  }

  private Map<String, Object> comparable(HasMetadata object, boolean withoutFetchedData) {
    Map<String, Object> document = desiredState.comparable(object);
    if (withoutFetchedData) {
      FETCHED_FIELDS.forEach(document::remove);
    }
    return document;
  }

  private static boolean secret(Job job) {
    return job.kind().kubernetesKind().toLowerCase(Locale.ROOT).equals("secret");
  }

  private static ObjectPreview result(List<FieldChange> fields, PlanMethod method, String note) {
    return new ObjectPreview(
        fields.isEmpty() ? PlanAction.UNCHANGED : PlanAction.UPDATE, method, fields, note);
  }

  private static ObjectPreview none(String why) {
    return new ObjectPreview(PlanAction.NONE, PlanMethod.NONE, List.of(), why);
  }

  private static String join(String a, String b) {
    return a == null ? b : a + "; " + b;
  }
}
