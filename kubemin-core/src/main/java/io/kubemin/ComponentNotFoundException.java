package io.kubemin;

import io.kubemin.error.KubeMinException;

/**
 * A version update names a component the application does not have (HTTP 404, business code {@value
 * #CODE}).
 */
public final class ComponentNotFoundException extends KubeMinException {
  private static final long serialVersionUID = 1L;

  /** Upstream business code {@code ErrComponentNotFound}. */
  public static final int CODE = 10013;

  private final String appId;
  private final String componentName;

  /**
   * @param appId the application
   * @param componentName the name asked for
   */
  public ComponentNotFoundException(String appId, String componentName) {
    super(
        "component '" + componentName + "' not found in application '" + appId + "'",
        null,
        404,
        CODE);
    this.appId = appId;
    this.componentName = componentName;
  }

  /** The application. */
  public String appId() {
    return appId;
  }

  /** The name asked for. */
  public String componentName() {
    return componentName;
  }
}
