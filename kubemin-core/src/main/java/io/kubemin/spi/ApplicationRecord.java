package io.kubemin.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * An application as stored (its components and workflows are stored separately).
 *
 * @param id 24-character id
 * @param name name
 * @param namespace namespace
 * @param version version
 * @param alias display name
 * @param project project
 * @param description description
 * @param icon icon URL
 * @param tmpEnable usable as a template
 * @param rollbackOnFailure a failed, timed-out or cancelled task deletes what it created
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record ApplicationRecord(
    String id,
    String name,
    String namespace,
    String version,
    String alias,
    String project,
    String description,
    String icon,
    boolean tmpEnable,
    boolean rollbackOnFailure,
    Instant createdAt,
    Instant updatedAt) {
  public ApplicationRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** This application as changed at {@code when}: the same fields, another {@code updatedAt}. */
  public ApplicationRecord withUpdatedAt(Instant when) {
    return new ApplicationRecord(
        id,
        name,
        namespace,
        version,
        alias,
        project,
        description,
        icon,
        tmpEnable,
        rollbackOnFailure,
        createdAt,
        when);
  }
}
