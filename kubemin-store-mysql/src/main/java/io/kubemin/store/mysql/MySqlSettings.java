package io.kubemin.store.mysql;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of a {@link MySqlDataStore}. The credentials and pool settings apply only to a
 * store that creates its own connection pool from a JDBC URL; a host-provided {@code DataSource} is
 * used as it is.
 */
public final class MySqlSettings {
  /** Connections in a pool the store creates. */
  public static final int DEFAULT_POOL_SIZE = 10;

  /** How long an operation waits for a free connection before it fails. */
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);

  /** How long a starting store waits for another one that is migrating the same schema. */
  public static final Duration DEFAULT_MIGRATION_LOCK_TIMEOUT = Duration.ofSeconds(60);

  private static final MySqlSettings DEFAULTS = builder().build();

  private final String user;
  private final String password;
  private final int poolSize;
  private final Duration connectionTimeout;
  private final boolean migrate;
  private final Duration migrationLockTimeout;
  private final SecretKeys secretKeys;

  private MySqlSettings(Builder builder) {
    this.secretKeys = builder.secretKeys;
    this.user = builder.user;
    this.password = builder.password;
    this.poolSize = builder.poolSize;
    this.connectionTimeout = builder.connectionTimeout;
    this.migrate = builder.migrate;
    this.migrationLockTimeout = builder.migrationLockTimeout;
  }

  /** The default settings. */
  public static MySqlSettings defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The database user, or null when the JDBC URL carries it. */
  public String user() {
    return user;
  }

  /** The database password, or null when the JDBC URL carries it (or there is none). */
  public String password() {
    return password;
  }

  /** Connections in a pool the store creates. */
  public int poolSize() {
    return poolSize;
  }

  /** How long an operation waits for a free connection. */
  public Duration connectionTimeout() {
    return connectionTimeout;
  }

  /** Whether the store creates and migrates its schema at start (else it only checks it). */
  public boolean migrate() {
    return migrate;
  }

  /** How long a starting store waits for a concurrent migration. */
  public Duration migrationLockTimeout() {
    return migrationLockTimeout;
  }

  /** The keys that encrypt secret values at rest, or null (plain text). */
  public SecretKeys secretKeys() {
    return secretKeys;
  }

  /** The password is masked; of the secret keys only the ids show. */
  @Override
  public String toString() {
    return "MySqlSettings{user="
        + user
        + ", password="
        + (password == null ? null : "****")
        + ", poolSize="
        + poolSize
        + ", connectionTimeout="
        + connectionTimeout
        + ", migrate="
        + migrate
        + ", migrationLockTimeout="
        + migrationLockTimeout
        + (secretKeys == null ? "" : ", secretKeys=" + secretKeys.keyIds())
        + "}";
  }

  /** Builds {@link MySqlSettings}; each setter checks its value. */
  public static final class Builder {
    private String user;
    private String password;
    private int poolSize = DEFAULT_POOL_SIZE;
    private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
    private boolean migrate = true;
    private Duration migrationLockTimeout = DEFAULT_MIGRATION_LOCK_TIMEOUT;
    private SecretKeys secretKeys;

    private Builder() {}

    /**
     * Encrypts the secret values of components ({@code properties.secret}) at rest with these keys
     * (AES-GCM, the key id stored with each value). Default none: they are stored in plain text,
     * and opening the store logs a warning saying so.
     */
    public Builder secretKeys(SecretKeys keys) {
      this.secretKeys = keys;
      return this;
    }

    /** The database user (null: taken from the JDBC URL). */
    public Builder user(String user) {
      this.user = user;
      return this;
    }

    /** The database password (null: taken from the JDBC URL, or none). */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /**
     * Connections in the pool the store creates.
     *
     * @throws IllegalArgumentException unless 2 to 1000 (migration holds two connections on H2)
     */
    public Builder poolSize(int poolSize) {
      if (poolSize < 2 || poolSize > 1000) {
        throw new IllegalArgumentException("poolSize must be between 2 and 1000, got " + poolSize);
      }
      this.poolSize = poolSize;
      return this;
    }

    /**
     * How long an operation waits for a free connection.
     *
     * @throws IllegalArgumentException unless at least 250 ms
     */
    public Builder connectionTimeout(Duration connectionTimeout) {
      this.connectionTimeout = atLeast("connectionTimeout", connectionTimeout, 250);
      return this;
    }

    /** Whether the store creates and migrates its schema at start (default true). */
    public Builder migrate(boolean migrate) {
      this.migrate = migrate;
      return this;
    }

    /**
     * How long a starting store waits for a concurrent migration.
     *
     * @throws IllegalArgumentException unless at least one second
     */
    public Builder migrationLockTimeout(Duration migrationLockTimeout) {
      this.migrationLockTimeout = atLeast("migrationLockTimeout", migrationLockTimeout, 1000);
      return this;
    }

    /** The settings. */
    public MySqlSettings build() {
      return new MySqlSettings(this);
    }

    private static Duration atLeast(String name, Duration value, long minMillis) {
      Objects.requireNonNull(value, name);
      if (value.toMillis() < minMillis) {
        throw new IllegalArgumentException(
            name + " must be at least " + minMillis + " ms, got " + value.toMillis() + " ms");
      }
      return value;
    }
  }
}
