package io.kubemin.workflow;

import java.time.Duration;
import java.time.Instant;

/**
 * Something happened to a task.
 *
 * @param taskId the task
 * @param appId its application
 * @param workflowId the workflow it runs
 * @param status its status after the event
 * @param attempt its attempt
 * @param jobsPlanned jobs in its plan (0 before a worker planned it)
 * @param jobsDone planned jobs that completed or were skipped so far
 * @param error why it failed, timed out or was cancelled, else null
 * @param duration time since the task was started (zero before it started)
 * @param at when the event happened
 */
public record TaskEvent(
    String taskId,
    String appId,
    String workflowId,
    TaskStatus status,
    int attempt,
    int jobsPlanned,
    int jobsDone,
    String error,
    Duration duration,
    Instant at) {}
