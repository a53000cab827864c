package io.kubemin.k8s;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Settings of {@link LeaseLeaderElection}. Immutable; build with {@link #builder()}.
 *
 * @param lockName the Lease's name
 * @param namespace the Lease's namespace
 * @param identity this instance's identity in the Lease
 * @param leaseDuration how long a leader's claim lasts without renewal
 * @param renewDeadline how long the leader keeps trying to renew before it gives up leadership
 * @param retryPeriod the pause between attempts to acquire or renew
 */
public record LeaseSettings(
    String lockName,
    String namespace,
    String identity,
    Duration leaseDuration,
    Duration renewDeadline,
    Duration retryPeriod) {
  /** Default Lease name. */
  public static final String DEFAULT_LOCK_NAME = "apiserver-lock";

  /** Default Lease namespace. */
  public static final String DEFAULT_NAMESPACE = "kubemin-system";

  /** Default lease duration: 15 s. */
  public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(15);

  /** Default renew deadline: 10 s. */
  public static final Duration DEFAULT_RENEW_DEADLINE = Duration.ofSeconds(10);

  /** Default retry period: 2 s. */
  public static final Duration DEFAULT_RETRY_PERIOD = Duration.ofSeconds(2);

  // fabric8 requires renewDeadline > retryPeriod * its jitter factor (1.2).
  private static final double JITTER_FACTOR = 1.2;

  public LeaseSettings {
    Objects.requireNonNull(lockName, "lockName");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(leaseDuration, "leaseDuration");
    Objects.requireNonNull(renewDeadline, "renewDeadline");
    Objects.requireNonNull(retryPeriod, "retryPeriod");
    if (retryPeriod.isNegative() || retryPeriod.isZero()) {
      throw new IllegalArgumentException("retryPeriod must be positive: " + retryPeriod);
    }
    if (leaseDuration.compareTo(renewDeadline) <= 0) {
      throw new IllegalArgumentException(
          "leaseDuration ("
              + leaseDuration
              + ") must be longer than renewDeadline ("
              + renewDeadline
              + ")");
    }
    if (renewDeadline.toMillis() <= retryPeriod.toMillis() * JITTER_FACTOR) {
      throw new IllegalArgumentException(
          "renewDeadline ("
              + renewDeadline
              + ") must be longer than 1.2 x retryPeriod ("
              + retryPeriod
              + ")");
    }
  }

  /** The defaults, with a random identity. */
  public static LeaseSettings defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link LeaseSettings}; timings are checked together in {@link #build()}. */
  public static final class Builder {
    private String lockName = DEFAULT_LOCK_NAME;
    private String namespace = DEFAULT_NAMESPACE;
    private String identity;
    private Duration leaseDuration = DEFAULT_LEASE_DURATION;
    private Duration renewDeadline = DEFAULT_RENEW_DEADLINE;
    private Duration retryPeriod = DEFAULT_RETRY_PERIOD;

    private Builder() {}

    /** Lease name (default {@value #DEFAULT_LOCK_NAME}). */
    public Builder lockName(String lockName) {
      this.lockName = nonBlank(lockName, "lockName");
      return this;
    }

    /** Lease namespace (default {@value #DEFAULT_NAMESPACE}). */
    public Builder namespace(String namespace) {
      this.namespace = nonBlank(namespace, "namespace");
      return this;
    }

    /** This instance's identity (default: a random UUID). */
    public Builder identity(String identity) {
      this.identity = nonBlank(identity, "identity");
      return this;
    }

    /** Lease duration (default 15 s). */
    public Builder leaseDuration(Duration leaseDuration) {
      this.leaseDuration = Objects.requireNonNull(leaseDuration, "leaseDuration");
      return this;
    }

    /** Renew deadline (default 10 s). */
    public Builder renewDeadline(Duration renewDeadline) {
      this.renewDeadline = Objects.requireNonNull(renewDeadline, "renewDeadline");
      return this;
    }

    /** Retry period (default 2 s). */
    public Builder retryPeriod(Duration retryPeriod) {
      this.retryPeriod = Objects.requireNonNull(retryPeriod, "retryPeriod");
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException unless leaseDuration &gt; renewDeadline &gt; 1.2 x
     *     retryPeriod &gt; 0
     */
    public LeaseSettings build() {
      return new LeaseSettings(
          lockName,
          namespace,
          identity == null ? UUID.randomUUID().toString() : identity,
          leaseDuration,
          renewDeadline,
          retryPeriod);
    }

    private static String nonBlank(String value, String name) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return value;
    }
  }
}
