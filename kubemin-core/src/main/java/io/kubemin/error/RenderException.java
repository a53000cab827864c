package io.kubemin.error;

/**
 * A component could not be rendered: a trait or property is unusable. Rendering never drops a
 * workload silently; it fails with this exception instead.
 */
public final class RenderException extends KubeMinException {
  private static final long serialVersionUID = 1L;

  private final String component;
  private final String path;
  private final String problem;

  /**
   * @param component name of the component being rendered
   * @param path JSON path inside the component, such as {@code traits.storage[0].name}
   * @param problem what is wrong, for a human
   */
  public RenderException(String component, String path, String problem) {
    this(component, path, problem, null);
  }

  /**
   * @param component name of the component being rendered
   * @param path JSON path inside the component, such as {@code traits.storage[0].name}
   * @param problem what is wrong, for a human
   * @param cause the underlying failure, or null
   */
  public RenderException(String component, String path, String problem, Throwable cause) {
    super("component '" + component + "', " + path + ": " + problem, cause);
    this.component = component;
    this.path = path;
    this.problem = problem;
  }

  /** Name of the component being rendered. */
  public String component() {
    return component;
  }

  /** JSON path inside the component, such as {@code traits.sidecar[0].traits.resources.cpu}. */
  public String path() {
    return path;
  }

  /** What is wrong, without the component and path. */
  public String problem() {
    return problem;
  }
}
