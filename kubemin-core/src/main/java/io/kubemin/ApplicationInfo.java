package io.kubemin;

import io.kubemin.spi.ApplicationRecord;
import java.time.Instant;

/**
 * An application as the facade reports it (the upstream's {@code ApplicationBase}).
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
 * @param workflowId the default workflow (the one exec runs when not told otherwise)
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record ApplicationInfo(
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
    String workflowId,
    Instant createdAt,
    Instant updatedAt) {

  /** The stored application with its default workflow. */
  public static ApplicationInfo of(ApplicationRecord app, String workflowId) {
    return new ApplicationInfo(
        app.id(),
        app.name(),
        app.namespace(),
        app.version(),
        app.alias(),
        app.project(),
        app.description(),
        app.icon(),
        app.tmpEnable(),
        app.rollbackOnFailure(),
        workflowId,
        app.createdAt(),
        app.updatedAt());
  }
}
