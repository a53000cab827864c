package io.kubemin.workflow;

import java.time.Instant;
import java.util.List;

/**
 * A task and how far it got, per component (the upstream's {@code TaskStatusResponse}).
 *
 * @param taskId the task
 * @param status its status
 * @param workflowId the workflow it runs
 * @param workflowName that workflow's name when the task was created
 * @param appId the application
 * @param type always {@code workflow}
 * @param attempt its attempt
 * @param error why it failed, timed out or was cancelled, else null
 * @param createdAt when exec was called
 * @param startedAt when a worker first started it, else null
 * @param finishedAt when it ended, else null
 * @param components per component, in workflow order
 */
public record TaskStatusView(
    String taskId,
    TaskStatus status,
    String workflowId,
    String workflowName,
    String appId,
    String type,
    int attempt,
    String error,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    List<ComponentTaskStatus> components) {
  public TaskStatusView {
    components = List.copyOf(components);
  }
}
