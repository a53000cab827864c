package io.kubemin.k8s;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of the Kubernetes executor and status sync. Immutable; build with {@link #builder()}.
 *
 * @param fieldManager the server-side apply field manager
 * @param namespaces the namespaces to watch one by one; empty watches all namespaces at once
 * @param sourceFetchTimeout timeout of fetching URL-mode ConfigMap and Secret data
 * @param sourceMaxBytes the largest URL-mode content accepted
 * @param shareClaimNamespace where claims on shared cluster-scoped objects are kept
 * @param shareClaimTimeToLive how long a share claim blocks other applications when its holder
 *     provides no object
 */
public record KubernetesSettings(
    String fieldManager,
    Set<String> namespaces,
    Duration sourceFetchTimeout,
    long sourceMaxBytes,
    String shareClaimNamespace,
    Duration shareClaimTimeToLive) {
  /** Default field manager. */
  public static final String DEFAULT_FIELD_MANAGER = "kubemin";

  /** Default URL fetch timeout: 30 s. */
  public static final Duration DEFAULT_SOURCE_FETCH_TIMEOUT = Duration.ofSeconds(30);

  /** Default largest URL content: 1 MiB. */
  public static final long DEFAULT_SOURCE_MAX_BYTES = 1024 * 1024;

  /** Default namespace of claims on shared cluster-scoped objects. */
  public static final String DEFAULT_SHARE_CLAIM_NAMESPACE = "kubemin-system";

  /** Default share claim time to live: 10 min. */
  public static final Duration DEFAULT_SHARE_CLAIM_TIME_TO_LIVE = Duration.ofMinutes(10);

  public KubernetesSettings {
    Objects.requireNonNull(fieldManager, "fieldManager");
    namespaces = Set.copyOf(namespaces);
    Objects.requireNonNull(sourceFetchTimeout, "sourceFetchTimeout");
    Objects.requireNonNull(shareClaimNamespace, "shareClaimNamespace");
    Objects.requireNonNull(shareClaimTimeToLive, "shareClaimTimeToLive");
  }

  /** The defaults. */
  public static KubernetesSettings defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link KubernetesSettings}. */
  public static final class Builder {
    private String fieldManager = DEFAULT_FIELD_MANAGER;
    private Set<String> namespaces = Set.of();
    private Duration sourceFetchTimeout = DEFAULT_SOURCE_FETCH_TIMEOUT;
    private long sourceMaxBytes = DEFAULT_SOURCE_MAX_BYTES;
    private String shareClaimNamespace = DEFAULT_SHARE_CLAIM_NAMESPACE;
    private Duration shareClaimTimeToLive = DEFAULT_SHARE_CLAIM_TIME_TO_LIVE;

    private Builder() {}

    /** Server-side apply field manager (default {@value #DEFAULT_FIELD_MANAGER}). */
    public Builder fieldManager(String fieldManager) {
      if (fieldManager == null || fieldManager.isBlank()) {
        throw new IllegalArgumentException("fieldManager must not be blank");
      }
      this.fieldManager = fieldManager;
      return this;
    }

    /**
     * Namespaces to watch one by one (default: none, meaning all namespaces with one watch per
     * kind, which needs cluster-wide list and watch rights).
     */
    public Builder namespaces(Set<String> namespaces) {
      Objects.requireNonNull(namespaces, "namespaces");
      if (namespaces.stream().anyMatch(ns -> ns == null || ns.isBlank())) {
        throw new IllegalArgumentException("namespaces must not contain blank names");
      }
      this.namespaces = Set.copyOf(namespaces);
      return this;
    }

    /** Timeout of URL-mode fetches (default 30 s). */
    public Builder sourceFetchTimeout(Duration timeout) {
      this.sourceFetchTimeout = positive(timeout, "sourceFetchTimeout");
      return this;
    }

    /** Largest URL-mode content in bytes (default 1 MiB). */
    public Builder sourceMaxBytes(long maxBytes) {
      if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("sourceMaxBytes must be 1.." + (Integer.MAX_VALUE - 8));
      }
      this.sourceMaxBytes = maxBytes;
      return this;
    }

    /** Namespace of share claims on cluster-scoped objects (default kubemin-system). */
    public Builder shareClaimNamespace(String namespace) {
      if (namespace == null || namespace.isBlank()) {
        throw new IllegalArgumentException("shareClaimNamespace must not be blank");
      }
      this.shareClaimNamespace = namespace;
      return this;
    }

    /** How long an unrenewed share claim blocks others (default 10 min, at least 1 s). */
    public Builder shareClaimTimeToLive(Duration timeToLive) {
      this.shareClaimTimeToLive = positive(timeToLive, "shareClaimTimeToLive");
      if (timeToLive.toSeconds() < 1) {
        throw new IllegalArgumentException("shareClaimTimeToLive must be at least 1 s");
      }
      return this;
    }

    /** The settings. */
    public KubernetesSettings build() {
      return new KubernetesSettings(
          fieldManager,
          namespaces,
          sourceFetchTimeout,
          sourceMaxBytes,
          shareClaimNamespace,
          shareClaimTimeToLive);
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }
  }
}
