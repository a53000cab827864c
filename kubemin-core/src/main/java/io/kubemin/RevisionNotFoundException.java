package io.kubemin;

import io.kubemin.error.KubeMinException;

/** An application has no revision with the number asked for (HTTP 404). */
public final class RevisionNotFoundException extends KubeMinException {
  private static final long serialVersionUID = 1L;

  /** Business code of this error. */
  public static final int CODE = 10040;

  private final String appId;
  private final int revision;

  /**
   * @param appId the application
   * @param revision the number asked for
   */
  public RevisionNotFoundException(String appId, int revision) {
    super("application '" + appId + "' has no revision " + revision, null, 404, CODE);
    this.appId = appId;
    this.revision = revision;
  }

  /** The application. */
  public String appId() {
    return appId;
  }

  /** The number asked for. */
  public int revision() {
    return revision;
  }
}
