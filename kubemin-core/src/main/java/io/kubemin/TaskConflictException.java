package io.kubemin;

import io.kubemin.error.KubeMinException;

/**
 * The application already has as many active (waiting, queued, running or suspended) tasks as
 * allowed, or an active task forbids the operation (HTTP 409, business code {@value #CODE}, new in
 * KubeMin: the upstream never rejected a second exec). Exec with {@link ExecOptions#queueBehind()}
 * to wait for the active task instead, or cancel it.
 */
public final class TaskConflictException extends KubeMinException {
  private static final long serialVersionUID = 1L;

  /** Business code of a conflict with an active task. */
  public static final int CODE = 20007;

  private final String appId;
  private final String activeTaskId;

  /**
   * @param appId the application
   * @param activeTaskId the active task in the way, or null when unknown
   * @param message what was refused
   */
  public TaskConflictException(String appId, String activeTaskId, String message) {
    super(message, null, 409, CODE);
    this.appId = appId;
    this.activeTaskId = activeTaskId;
  }

  /** The application. */
  public String appId() {
    return appId;
  }

  /** The active task in the way, or null when unknown. */
  public String activeTaskId() {
    return activeTaskId;
  }
}
