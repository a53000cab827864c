package io.kubemin.workflow;

import io.kubemin.spi.JobKind;
import java.time.Instant;
import java.util.Objects;

/**
 * The stored result of one job attempt.
 *
 * @param taskId the task
 * @param attempt the task attempt that ran the job
 * @param stepName the workflow step
 * @param componentName the component the object belongs to
 * @param name the job name (the object's name)
 * @param kind what was applied
 * @param namespace namespace of the object (null for cluster-scoped)
 * @param status outcome
 * @param error why it did not complete
 * @param startedAt start
 * @param finishedAt end
 */
public record JobRecord(
    String taskId,
    int attempt,
    String stepName,
    String componentName,
    String name,
    JobKind kind,
    String namespace,
    JobStatus status,
    String error,
    Instant startedAt,
    Instant finishedAt) {
  public JobRecord {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(status, "status");
  }
}
