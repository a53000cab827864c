package io.kubemin.queue.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of a {@link RedisQueue}: where Redis is, which stream to use, how it is
 * trimmed and how the worker reclaims stuck messages. Build with {@link #builder()} or parse a
 * {@code redis://} / {@code rediss://} URI with {@link #fromUri(String)}.
 */
public final class RedisQueueSettings {
  /** Host when none is given: {@value}. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Port when none is given: {@value}. */
  public static final int DEFAULT_PORT = 6379;

  /** Key prefix when none is given: {@value}; the stream is {@code <prefix>.workflow.dispatch}. */
  public static final String DEFAULT_PREFIX = "kubemin";

  /** Approximate stream length kept by {@code XADD MAXLEN ~}: {@value}. */
  public static final long DEFAULT_MAXLEN = 50_000;

  /** How long a Redis command may take before it fails: 10 s. */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(10);

  /** How long a message stays unacknowledged before another consumer may claim it: 60 s. */
  public static final Duration DEFAULT_CLAIM_MIN_IDLE = Duration.ofSeconds(60);

  /** How often a worker looks for stuck messages to claim: 15 s. */
  public static final Duration DEFAULT_CLAIM_INTERVAL = Duration.ofSeconds(15);

  /** How many stuck messages one claim takes at most: {@value}. */
  public static final int DEFAULT_CLAIM_COUNT = 50;

  private final String host;
  private final int port;
  private final int database;
  private final String username;
  private final String password;
  private final boolean tls;
  private final boolean verifyPeer;
  private final String prefix;
  private final long maxlen;
  private final Duration commandTimeout;
  private final Duration claimMinIdle;
  private final Duration claimInterval;
  private final int claimCount;

  private RedisQueueSettings(Builder builder) {
    this.host = builder.host;
    this.port = builder.port;
    this.database = builder.database;
    this.username = builder.username;
    this.password = builder.password;
    this.tls = builder.tls;
    this.verifyPeer = builder.verifyPeer;
    this.prefix = builder.prefix;
    this.maxlen = builder.maxlen;
    this.commandTimeout = builder.commandTimeout;
    this.claimMinIdle = builder.claimMinIdle;
    this.claimInterval = builder.claimInterval;
    this.claimCount = builder.claimCount;
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Parses {@code redis[s]://[[user]:password@]host[:port][/db][?param=value&…]}; the parameters
   * are {@code prefix}, {@code maxlen}, {@code timeout}, {@code claimMinIdle}, {@code
   * claimInterval}, {@code claimCount} and {@code verifyPeer} (durations as {@code 500ms}, {@code
   * 15s}, {@code 2m} or ISO-8601).
   *
   * @throws IllegalArgumentException naming the part of the URI that is wrong
   */
  public static RedisQueueSettings fromUri(String uri) {
    return RedisUriParser.parse(uri);
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Redis host. */
  public String host() {
    return host;
  }

  /** Redis port. */
  public int port() {
    return port;
  }

  /** Redis logical database number. */
  public int database() {
    return database;
  }

  /** ACL user name, or {@code null} for the default user. */
  public String username() {
    return username;
  }

  /** Password, or {@code null} when Redis needs none. Never logged. */
  public String password() {
    return password;
  }

  /** Whether the connection uses TLS ({@code rediss://}). */
  public boolean tls() {
    return tls;
  }

  /** Whether TLS verifies the server certificate and host name. */
  public boolean verifyPeer() {
    return verifyPeer;
  }

  /** Key prefix. */
  public String prefix() {
    return prefix;
  }

  /** Approximate number of entries the stream keeps; 0 disables trimming. */
  public long maxlen() {
    return maxlen;
  }

  /** How long a Redis command may take before it fails. */
  public Duration commandTimeout() {
    return commandTimeout;
  }

  /** How long a message stays unacknowledged before {@code autoClaim} may take it over. */
  public Duration claimMinIdle() {
    return claimMinIdle;
  }

  /** How often a worker should call {@code autoClaim}. */
  public Duration claimInterval() {
    return claimInterval;
  }

  /** How many messages one {@code autoClaim} should take at most. */
  public int claimCount() {
    return claimCount;
  }

  /** The dispatch stream: {@code <prefix>.workflow.dispatch}. */
  public String streamKey() {
    return prefix + ".workflow.dispatch";
  }

  /** The dead-letter stream: {@code <prefix>.workflow.dispatch.dead}. */
  public String deadLetterKey() {
    return streamKey() + ".dead";
  }

  /** Describes the settings with the password masked. */
  @Override
  public String toString() {
    return (tls ? "rediss://" : "redis://")
        + (username != null ? username : "")
        + (password != null ? ":****" : "")
        + (username != null || password != null ? "@" : "")
        + host
        + ":"
        + port
        + "/"
        + database
        + "?prefix="
        + prefix
        + "&maxlen="
        + maxlen
        + "&timeout="
        + commandTimeout
        + "&claimMinIdle="
        + claimMinIdle
        + "&claimInterval="
        + claimInterval
        + "&claimCount="
        + claimCount
        + (tls ? "&verifyPeer=" + verifyPeer : "");
  }

  /** Builds {@link RedisQueueSettings}; each method checks its value. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private int database;
    private String username;
    private String password;
    private boolean tls;
    private boolean verifyPeer = true;
    private String prefix = DEFAULT_PREFIX;
    private long maxlen = DEFAULT_MAXLEN;
    private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
    private Duration claimMinIdle = DEFAULT_CLAIM_MIN_IDLE;
    private Duration claimInterval = DEFAULT_CLAIM_INTERVAL;
    private int claimCount = DEFAULT_CLAIM_COUNT;

    private Builder() {}

    private Builder(RedisQueueSettings settings) {
      host = settings.host;
      port = settings.port;
      database = settings.database;
      username = settings.username;
      password = settings.password;
      tls = settings.tls;
      verifyPeer = settings.verifyPeer;
      prefix = settings.prefix;
      maxlen = settings.maxlen;
      commandTimeout = settings.commandTimeout;
      claimMinIdle = settings.claimMinIdle;
      claimInterval = settings.claimInterval;
      claimCount = settings.claimCount;
    }

    /** Redis host (default {@value #DEFAULT_HOST}). */
    public Builder host(String host) {
      this.host = requireText(host, "host");
      return this;
    }

    /** Redis port, 1-65535 (default {@value #DEFAULT_PORT}). */
    public Builder port(int port) {
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** Logical database number, at least 0 (default 0). */
    public Builder database(int database) {
      if (database < 0) {
        throw new IllegalArgumentException("database must be at least 0, got " + database);
      }
      this.database = database;
      return this;
    }

    /** ACL user name; {@code null} for the default user. */
    public Builder username(String username) {
      this.username = username == null || username.isEmpty() ? null : username;
      return this;
    }

    /** Password; {@code null} when Redis needs none. */
    public Builder password(String password) {
      this.password = password == null || password.isEmpty() ? null : password;
      return this;
    }

    /** Whether to connect with TLS (default false). */
    public Builder tls(boolean tls) {
      this.tls = tls;
      return this;
    }

    /** Whether TLS verifies the server certificate and host name (default true). */
    public Builder verifyPeer(boolean verifyPeer) {
      this.verifyPeer = verifyPeer;
      return this;
    }

    /**
     * Key prefix (default {@value #DEFAULT_PREFIX}): letters, digits and {@code . _ : -}, at most
     * 100 characters.
     */
    public Builder prefix(String prefix) {
      requireText(prefix, "prefix");
      if (!prefix.matches("[A-Za-z0-9._:-]{1,100}")) {
        throw new IllegalArgumentException(
            "prefix must be 1-100 letters, digits, '.', '_', ':' or '-', got '" + prefix + "'");
      }
      this.prefix = prefix;
      return this;
    }

    /**
     * Approximate number of entries the stream keeps (default {@value #DEFAULT_MAXLEN}); 0 disables
     * trimming.
     */
    public Builder maxlen(long maxlen) {
      if (maxlen < 0) {
        throw new IllegalArgumentException("maxlen must be at least 0, got " + maxlen);
      }
      this.maxlen = maxlen;
      return this;
    }

    /** How long a command may take, at least 100 ms (default 10 s). */
    public Builder commandTimeout(Duration commandTimeout) {
      this.commandTimeout = atLeast(commandTimeout, Duration.ofMillis(100), "timeout");
      return this;
    }

    /** Idle time before a message may be claimed, at least 1 ms (default 60 s). */
    public Builder claimMinIdle(Duration claimMinIdle) {
      this.claimMinIdle = atLeast(claimMinIdle, Duration.ofMillis(1), "claimMinIdle");
      return this;
    }

    /** How often workers claim stuck messages, at least 10 ms (default 15 s). */
    public Builder claimInterval(Duration claimInterval) {
      this.claimInterval = atLeast(claimInterval, Duration.ofMillis(10), "claimInterval");
      return this;
    }

    /** Messages one claim takes at most, 1-10000 (default {@value #DEFAULT_CLAIM_COUNT}). */
    public Builder claimCount(int claimCount) {
      if (claimCount < 1 || claimCount > 10_000) {
        throw new IllegalArgumentException(
            "claimCount must be between 1 and 10000, got " + claimCount);
      }
      this.claimCount = claimCount;
      return this;
    }

    /** The settings. */
    public RedisQueueSettings build() {
      return new RedisQueueSettings(this);
    }

    private static String requireText(String value, String name) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be empty");
      }
      return value;
    }

    private static Duration atLeast(Duration value, Duration minimum, String name) {
      Objects.requireNonNull(value, name);
      if (value.compareTo(minimum) < 0) {
        throw new IllegalArgumentException(
            name + " must be at least " + minimum.toMillis() + " ms, got " + value.toMillis());
      }
      return value;
    }
  }
}
