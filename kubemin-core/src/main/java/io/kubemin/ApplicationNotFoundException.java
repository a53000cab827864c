package io.kubemin;

import io.kubemin.error.KubeMinException;

/** No application has the id (HTTP 404, business code {@value #CODE}). */
public final class ApplicationNotFoundException extends KubeMinException {
  private static final long serialVersionUID = 1L;

  /** Upstream business code {@code ErrApplicationNotExist}. */
  public static final int CODE = 10005;

  private final String appId;

  /**
   * @param appId the id asked for
   */
  public ApplicationNotFoundException(String appId) {
    super("application '" + appId + "' does not exist", null, 404, CODE);
    this.appId = appId;
  }

  /** The id asked for. */
  public String appId() {
    return appId;
  }
}
