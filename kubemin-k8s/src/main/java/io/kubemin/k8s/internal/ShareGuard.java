package io.kubemin.k8s.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemin.spi.Job;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@code share} trait's strategy to a job: {@code ignore} never applies, {@code force}
 * always does, {@code default} applies only when no other application provides an object of the
 * same kind and share name in the namespace (cluster-wide for cluster-scoped kinds), with the first
 * claim held in the cluster ({@link ShareClaims}).
 */
public final class ShareGuard {
  private static final Logger LOG = LoggerFactory.getLogger(ShareGuard.class);

  private final InformerSet informers;
  private final ShareClaims claims;

  /**
   * @param informers the cache of deployed objects
   * @param claims the claims in the cluster
   */
  public ShareGuard(InformerSet informers, ShareClaims claims) {
    this.informers = informers;
    this.claims = claims;
  }

  /** Why the job must be skipped, or empty when it may apply its object. */
  public Optional<String> skipReason(Job job) throws InterruptedException {
    HasMetadata object = job.object();
    String strategy = ObjectLabels.label(object, ObjectLabels.SHARE_STRATEGY);
    String shareName = ObjectLabels.label(object, ObjectLabels.SHARE_NAME);
    if (strategy == null || shareName == null) {
      return Optional.empty();
    }
    switch (strategy.toLowerCase(Locale.ROOT)) {
      case "ignore":
        return Optional.of("share strategy 'ignore': not applied");
      case "force":
        return Optional.empty();
      case "default":
        break;
      default:
        LOG.warn("unknown share strategy '{}' on {}, using 'default'", strategy, job.describe());
    }
    return shareTakenBySomeoneElse(job, shareName);
  }

  private Optional<String> shareTakenBySomeoneElse(Job job, String shareName)
      throws InterruptedException {
    String namespace = job.kind().clusterScoped() ? null : job.namespace();
    List<HasMetadata> shared =
        informers.cachedList(job.kind(), namespace).stream()
            .filter(o -> shareName.equals(ObjectLabels.label(o, ObjectLabels.SHARE_NAME)))
            .toList();
    if (shared.stream()
        .anyMatch(o -> job.appId().equals(ObjectLabels.label(o, ObjectLabels.APP_ID)))) {
      return Optional.empty();
    }
    if (!shared.isEmpty()) {
      HasMetadata other = shared.get(0);
      return Optional.of(
          "shared "
              + job.kind().kubernetesKind()
              + " '"
              + shareName
              + "' is already provided by "
              + other.getMetadata().getName()
              + " of application "
              + ObjectLabels.label(other, ObjectLabels.APP_ID));
    }
    String holder = claims.claim(job.kind(), job.namespace(), shareName, job.appId());
    return holder == null
        ? Optional.empty()
        : Optional.of(
            "shared "
                + job.kind().kubernetesKind()
                + " '"
                + shareName
                + "' is claimed by application "
                + holder);
  }
}
