package io.kubemin.spi;

import io.kubemin.model.Component;
import java.time.Instant;
import java.util.Objects;

/**
 * A component as stored, with its live status. The id is stable across application replaces, so the
 * labels of deployed objects keep pointing at it.
 *
 * @param id 24-character id
 * @param appId the application
 * @param ordinal position in the application's component list
 * @param spec the component as submitted
 * @param status live status from the cluster
 * @param readyReplicas ready replicas from the cluster (0 is stored as 0)
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record ComponentRecord(
    String id,
    String appId,
    int ordinal,
    Component spec,
    ComponentStatus status,
    int readyReplicas,
    Instant createdAt,
    Instant updatedAt) {
  public ComponentRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** The component name. */
  public String name() {
    return spec.name();
  }

  /** This record with another live status. */
  public ComponentRecord withStatus(ComponentStatus newStatus, int newReadyReplicas, Instant now) {
    return new ComponentRecord(
        id, appId, ordinal, spec, newStatus, newReadyReplicas, createdAt, now);
  }
}
