package io.kubemin.spi;

import io.kubemin.model.Step;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A workflow as stored.
 *
 * @param id 24-character id
 * @param appId the application
 * @param name name (default {@code <app>-workflow})
 * @param alias display name
 * @param steps the steps
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record WorkflowRecord(
    String id,
    String appId,
    String name,
    String alias,
    List<Step> steps,
    Instant createdAt,
    Instant updatedAt) {
  public WorkflowRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(name, "name");
    steps = List.copyOf(steps);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
