package io.kubemin.k8s.internal;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubemin.spi.JobKind;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * Claims on a shared object, held in the cluster as one Lease per kind and share name: the first
 * application to create the Lease provides the shared object; others skip it. A claim whose holder
 * has not renewed it within the time to live can be taken over (compare-and-set on the Lease's
 * resourceVersion), so a deleted application does not block the share for ever.
 */
public final class ShareClaims {
  private final KubernetesClient client;
  private final String clusterNamespace;
  private final Duration timeToLive;
  private final Clock clock;

  /**
   * @param client the client
   * @param clusterNamespace where claims on cluster-scoped kinds live
   * @param timeToLive how long an unrenewed claim blocks others
   * @param clock the clock
   */
  public ShareClaims(
      KubernetesClient client, String clusterNamespace, Duration timeToLive, Clock clock) {
    this.client = client;
    this.clusterNamespace = clusterNamespace;
    this.timeToLive = timeToLive;
    this.clock = clock;
  }

  /**
   * Claims the share for the application.
   *
   * @return null when the application holds the claim now, otherwise the application that does
   */
  public String claim(JobKind kind, String namespace, String shareName, String appId) {
    String leaseNamespace = kind.clusterScoped() ? clusterNamespace : namespace;
    String name = leaseName(kind, shareName);
    Instant now = clock.instant();
    try {
      client.resource(lease(leaseNamespace, name, appId, now)).create();
      return null;
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
    Lease existing = client.leases().inNamespace(leaseNamespace).withName(name).get();
    if (existing == null) {
      return claim(kind, namespace, shareName, appId);
    }
    String holder = existing.getSpec().getHolderIdentity();
    if (appId.equals(holder) || expired(existing, now) && takeOver(existing, appId, now)) {
      return null;
    }
    return holder;
  }

  private boolean expired(Lease lease, Instant now) {
    ZonedDateTime renewed = lease.getSpec().getRenewTime();
    return renewed == null || renewed.toInstant().plus(timeToLive).isBefore(now);
  }

  private boolean takeOver(Lease lease, String appId, Instant now) {
    lease.getSpec().setHolderIdentity(appId);
    lease.getSpec().setRenewTime(microTime(now));
    try {
      client.resource(lease).update();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return false;
      }
      throw e;
    }
  }

  private Lease lease(String namespace, String name, String appId, Instant now) {
    return new LeaseBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .withNewSpec()
        .withHolderIdentity(appId)
        .withAcquireTime(microTime(now))
        .withRenewTime(microTime(now))
        .withLeaseDurationSeconds((int) timeToLive.toSeconds())
        .endSpec()
        .build();
  }

  static String leaseName(JobKind kind, String shareName) {
    String name =
        "kubemin-share-" + kind.kubernetesKind().toLowerCase(Locale.ROOT) + "-" + shareName;
    if (name.length() <= 63) {
      return name;
    }
    String hash = Integer.toHexString(name.hashCode());
    return name.substring(0, 62 - hash.length()).replaceAll("-+$", "") + "-" + hash;
  }

  private static ZonedDateTime microTime(Instant instant) {
    return instant.atZone(ZoneOffset.UTC);
  }
}
