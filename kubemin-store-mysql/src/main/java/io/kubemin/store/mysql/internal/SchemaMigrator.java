package io.kubemin.store.mysql.internal;

import io.kubemin.spi.DataStoreException;
import io.kubemin.store.mysql.SqlDialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and migrates the schema from the versioned scripts in the jar, recording each applied
 * version in {@code min_schema_version}. Scripts live outside {@code db/migration} so that a host
 * running Flyway with its default location does not pick them up.
 */
public final class SchemaMigrator {
  /** Where the scripts are on the class path. */
  public static final String LOCATION = "kubemin/db/mysql/";

  /** Every script, oldest first; its version is the number after {@code V}. */
  public static final List<String> SCRIPTS =
      List.of(
          "V1__initial_schema.sql",
          "V2__application_rollback_on_failure.sql",
          "V4__leases.sql",
          "V5__application_revisions.sql",
          "V6__job_kind_width.sql",
          "V7__task_trace_context.sql",
          "V8__task_suspensions.sql",
          "V9__task_revision.sql",
          "V10__drop_task_lease_index.sql");

  private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);

  private SchemaMigrator() {}

  /** The version this library needs. */
  public static int latestVersion() {
    return version(SCRIPTS.get(SCRIPTS.size() - 1));
  }

  /** The version of a script named {@code V<n>__<description>.sql}. */
  public static int version(String script) {
    return Integer.parseInt(script.substring(1, script.indexOf("__")));
  }

  /** Applies the scripts the database lacks, holding the migration lock. */
  public static void migrate(Jdbi jdbi, SqlDialect dialect, Duration lockTimeout) {
    jdbi.useHandle(
        handle -> {
          MigrationLock lock = MigrationLock.acquire(jdbi, handle, dialect, lockTimeout);
          try {
            applyMissing(handle);
          } finally {
            lock.release();
          }
        });
  }

  private static void applyMissing(Handle handle) {
    createVersionTable(handle);
    Set<Integer> applied = appliedVersions(handle);
    for (String script : SCRIPTS) {
      if (!applied.contains(version(script))) {
        apply(handle, script);
      }
    }
    warnIfNewer(applied);
  }

  /**
   * Checks that the schema is at the version this library needs.
   *
   * @throws DataStoreException when it is older (or absent)
   */
  public static void verify(Jdbi jdbi) {
    int current;
    try {
      current =
          jdbi.withHandle(
              handle ->
                  appliedVersions(handle).stream().mapToInt(Integer::intValue).max().orElse(0));
    } catch (JdbiException noVersionTable) {
      current = 0;
    }
    if (current < latestVersion()) {
      throw new DataStoreException(
          "the schema is at version "
              + current
              + " but this library needs "
              + latestVersion()
              + ": start a store with migrate=true once, or apply the scripts in "
              + LOCATION);
    }
  }

  private static void createVersionTable(Handle handle) {
    handle.execute(
        "CREATE TABLE IF NOT EXISTS min_schema_version (version INT NOT NULL PRIMARY KEY,"
            + " script VARCHAR(255) NOT NULL, installed_at DATETIME(3) NOT NULL)");
  }

  private static Set<Integer> appliedVersions(Handle handle) {
    return new HashSet<>(
        handle.createQuery("SELECT version FROM min_schema_version").mapTo(Integer.class).list());
  }

  private static void apply(Handle handle, String script) {
    log.info("Applying schema migration {}", script);
    handle.createScript(read(script)).execute();
    handle
        .createUpdate(
            "INSERT INTO min_schema_version (version, script, installed_at)"
                + " VALUES (:version, :script, :now)")
        .bind("version", version(script))
        .bind("script", script)
        .bind("now", UtcInstants.text(Instant.now()))
        .execute();
  }

  private static void warnIfNewer(Set<Integer> applied) {
    int newest = applied.stream().mapToInt(Integer::intValue).max().orElse(0);
    if (newest > latestVersion()) {
      log.warn(
          "The schema is at version {}, newer than this library's {}: a newer KubeMin migrated it",
          newest,
          latestVersion());
    }
  }

  private static String read(String script) {
    try (InputStream in =
        SchemaMigrator.class.getClassLoader().getResourceAsStream(LOCATION + script)) {
      if (in == null) {
        throw new IllegalStateException(
            "migration script " + LOCATION + script + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
