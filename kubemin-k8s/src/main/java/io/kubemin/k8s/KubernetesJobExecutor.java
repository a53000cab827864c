package io.kubemin.k8s;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubemin.k8s.internal.InformerSet;
import io.kubemin.k8s.internal.Kinds;
import io.kubemin.k8s.internal.ObjectApplier;
import io.kubemin.k8s.internal.ObjectLabels;
import io.kubemin.k8s.internal.ObjectPreviewer;
import io.kubemin.k8s.internal.ReadinessWaits;
import io.kubemin.k8s.internal.ShareClaims;
import io.kubemin.k8s.internal.ShareGuard;
import io.kubemin.k8s.internal.SharedInformers;
import io.kubemin.k8s.internal.SourceFetchException;
import io.kubemin.k8s.internal.SourceFetcher;
import io.kubemin.k8s.internal.UnknownKindException;
import io.kubemin.k8s.internal.Verdict;
import io.kubemin.plan.ObjectPreview;
import io.kubemin.spi.Job;
import io.kubemin.spi.JobContext;
import io.kubemin.spi.JobExecutor;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.JobOutcome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link JobKind} against a Kubernetes cluster: server-side apply (field manager {@code
 * kubemin}, force), so a re-run converges and every change lands, with no write at all when the
 * deployed object already matches; then an event-driven wait until the object is ready. Reads come
 * from informers shared per client, so an unchanged re-deploy makes no API request per object.
 *
 * <p>The client belongs to the caller and is never closed here; {@link #close()} stops the
 * informers when no one else on the client uses them.
 */
public final class KubernetesJobExecutor implements JobExecutor, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesJobExecutor.class);

  private final KubernetesClient client;
  private final InformerSet informers;
  private final ObjectApplier applier;
  private final ObjectPreviewer previewer;
  private final ReadinessWaits readiness;
  private final SourceFetcher sources;
  private final ShareGuard shareGuard;

  /** An executor with the {@linkplain KubernetesSettings#defaults() default settings}. */
  public KubernetesJobExecutor(KubernetesClient client) {
    this(client, KubernetesSettings.defaults());
  }

  /**
   * An executor with the {@link ReadinessRule}s listed in {@code
   * META-INF/services/io.kubemin.k8s.ReadinessRule} (found with the thread's context class loader).
   *
   * @param client the client (owned by the caller)
   * @param settings the settings
   */
  public KubernetesJobExecutor(KubernetesClient client, KubernetesSettings settings) {
    this(client, settings, discoveredRules());
  }

  /**
   * @param client the client (owned by the caller)
   * @param settings the settings
   * @param readinessRules the readiness rules of kinds KubeMin does not know, first match wins
   *     (none are discovered)
   */
  public KubernetesJobExecutor(
      KubernetesClient client, KubernetesSettings settings, List<ReadinessRule> readinessRules) {
    this.client = Objects.requireNonNull(client, "client");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(readinessRules, "readinessRules");
    this.informers = SharedInformers.acquire(client, settings.namespaces());
    this.applier = new ObjectApplier(client, informers, settings.fieldManager());
    this.previewer = new ObjectPreviewer(client, settings.fieldManager());
    this.readiness =
        new ReadinessWaits(informers, client.getKubernetesSerialization(), readinessRules);
    this.sources =
        new SourceFetcher(
            client.getKubernetesSerialization(),
            settings.sourceFetchTimeout(),
            settings.sourceMaxBytes());
    this.shareGuard =
        new ShareGuard(
            informers,
            new ShareClaims(
                client,
                settings.shareClaimNamespace(),
                settings.shareClaimTimeToLive(),
                Clock.systemUTC()));
  }

  private static List<ReadinessRule> discoveredRules() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    List<ReadinessRule> rules = new ArrayList<>();
    ServiceLoader.load(
            ReadinessRule.class,
            loader != null ? loader : KubernetesJobExecutor.class.getClassLoader())
        .forEach(rules::add);
    return rules;
  }

  /** Every kind, built in or not (custom resources need their definition in the cluster). */
  @Override
  public boolean supports(JobKind kind) {
    return true;
  }

  @Override
  public JobOutcome run(Job job, JobContext context) throws InterruptedException {
    try {
      Optional<String> skip = shareGuard.skipReason(job);
      if (skip.isPresent()) {
        return JobOutcome.skipped(skip.get());
      }
      HasMetadata desired = sources.resolve(job.object());
      if (!context.leaseValid()) {
        // This worker's lease ran out (a pause, a lost store): another worker may run the task.
        return JobOutcome.failed(job.describe() + ": not applied, the task's lease ran out here");
      }
      ObjectApplier.Result result =
          context.traced("k8s.apply", spanAttributes(job), () -> applier.apply(job, desired));
      LOG.debug("{}: {}", job.describe(), result.outcome());
      switch (result.outcome()) {
        case NOT_OURS:
          return JobOutcome.skipped(
              job.describe() + " exists and is not managed by this application: left untouched");
        case CREATED:
          context.created(result.object());
          break;
        default:
          break;
      }
      Verdict verdict =
          context.traced(
              "k8s.readiness",
              spanAttributes(job),
              () -> readiness.await(job.kind(), result.object(), context));
      return verdict.state() == Verdict.State.READY
          ? JobOutcome.completed()
          : JobOutcome.failed(job.describe() + ": " + verdict.message());
    } catch (SourceFetchException | UnknownKindException e) {
      return JobOutcome.failed(job.describe() + ": " + e.getMessage());
    } catch (KubernetesClientException e) {
      rethrowInterrupt(e);
      return JobOutcome.failed(job.describe() + ": " + describe(e));
    }
  }

  /** What the spans of a job's Kubernetes requests name (docs/observability.md). */
  private static java.util.Map<String, String> spanAttributes(Job job) {
    java.util.Map<String, String> attributes = new java.util.LinkedHashMap<>();
    attributes.put("k8s.namespace.name", job.namespace());
    attributes.put("kubemin.job.kind", job.kind().kubernetesKind());
    attributes.put("kubemin.job.name", job.name());
    return attributes;
  }

  /** Deletes the objects this run created (and nothing else); NotFound is fine. */
  @Override
  public void cleanup(Job job, JobContext context) {
    for (HasMetadata created : context.createdObjects()) {
      if (!context.leaseValid()) {
        LOG.warn("cleanup of {} stopped: the task's lease ran out here", job.describe());
        return;
      }
      try {
        deleteInBackground(created);
        LOG.info("cleanup: deleted {} {}", created.getKind(), created.getMetadata().getName());
      } catch (KubernetesClientException e) {
        LOG.warn(
            "cleanup: could not delete {} {}: {}",
            created.getKind(),
            created.getMetadata().getName(),
            describe(e));
      }
    }
  }

  /**
   * Deletes the job's object if it exists and belongs to the job's application (its {@code
   * kube-min-cli-appId} label, or for RBAC objects the {@code kube-min-cli} marker).
   */
  @Override
  public boolean delete(Job job) {
    HasMetadata existing;
    try {
      existing = client.resource(job.object()).get();
    } catch (KubernetesClientException e) {
      if (!job.kind().builtIn() && isUnserved(job)) {
        LOG.info(
            "not deleting {}: {}",
            job.describe(),
            new UnknownKindException(job.kind()).getMessage());
        return false;
      }
      throw e;
    }
    if (existing == null) {
      return false;
    }
    if (!ObjectLabels.ownedBy(existing, job.kind(), job.appId())) {
      LOG.info(
          "not deleting {}: it does not belong to application {}", job.describe(), job.appId());
      return false;
    }
    deleteInBackground(existing);
    return true;
  }

  /**
   * What {@link #run} would do to the job's object, read from the server (not the cache): create
   * when absent; for an existing object the changes that a server-side apply with {@code
   * dryRun=All} reports, or, on a server that refuses that dry run, a comparison of the rendered
   * with the deployed object. Values of Secret data are never returned. Nothing is written and
   * URL-mode data is not fetched.
   */
  @Override
  public ObjectPreview preview(Job job) throws InterruptedException {
    try {
      return previewer.preview(job);
    } catch (KubernetesClientException e) {
      rethrowInterrupt(e);
      return ObjectPreview.unknown(job.describe() + ": " + describe(e));
    }
  }

  /**
   * The application's objects of the kind from the informer cache (no API request once the kind's
   * informer runs): those whose {@code kube-min-cli-appId} label names it, RBAC objects by their
   * {@code kube-min-cli} marker. A kind the server does not serve has none. With {@link
   * KubernetesSettings#namespaces()} set, only those namespaces (and cluster-scoped objects) are
   * seen.
   */
  @Override
  public List<HasMetadata> listOwned(JobKind kind, String appId) throws InterruptedException {
    try {
      return informers.cachedList(kind, null).stream()
          .filter(o -> ObjectLabels.ownedBy(o, kind, appId))
          .toList();
    } catch (UnknownKindException e) {
      LOG.debug("no {} objects to list: {}", kind.kubernetesKind(), e.getMessage());
      return List.of();
    }
  }

  private boolean isUnserved(Job job) {
    try {
      Kinds.discover(client, job.kind());
      return false;
    } catch (UnknownKindException e) {
      return true;
    }
  }

  private void deleteInBackground(HasMetadata object) {
    client.resource(object).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
  }

  /** Releases the informers (stopped when no other user of the same client needs them). */
  @Override
  public void close() {
    SharedInformers.release(informers);
  }

  private static void rethrowInterrupt(KubernetesClientException e) throws InterruptedException {
    if (Thread.currentThread().isInterrupted() || e.getCause() instanceof InterruptedException) {
      Thread.interrupted();
      InterruptedException interrupted = new InterruptedException("interrupted during an API call");
      interrupted.initCause(e);
      throw interrupted;
    }
  }

  private static String describe(KubernetesClientException e) {
    return e.getCode() > 0 ? "HTTP " + e.getCode() + ": " + e.getMessage() : e.getMessage();
  }
}
