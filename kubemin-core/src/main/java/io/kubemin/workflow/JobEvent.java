package io.kubemin.workflow;

import io.kubemin.spi.JobKind;
import java.time.Duration;
import java.time.Instant;

/**
 * Something happened to a job.
 *
 * @param taskId the task
 * @param appId its application
 * @param attempt the task attempt
 * @param stepName the workflow step
 * @param componentName the component the object belongs to
 * @param jobName the job (object) name
 * @param namespace the object's namespace, or null for cluster-scoped objects
 * @param kind what is applied
 * @param status {@link JobStatus#RUNNING} while it runs, else its outcome
 * @param error why it failed, timed out or was cancelled, else null
 * @param message progress text, on progress events
 * @param duration time since the job started
 * @param jobsPlanned jobs in the task's plan
 * @param jobsDone planned jobs that completed or were skipped so far (this one included)
 * @param at when the event happened
 */
public record JobEvent(
    String taskId,
    String appId,
    int attempt,
    String stepName,
    String componentName,
    String jobName,
    String namespace,
    JobKind kind,
    JobStatus status,
    String error,
    String message,
    Duration duration,
    int jobsPlanned,
    int jobsDone,
    Instant at) {}
