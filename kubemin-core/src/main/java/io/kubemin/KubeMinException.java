package io.kubemin;

/**
 * Root of every exception KubeMin throws. Unchecked: callers catch the subclass they can act on.
 */
public class KubeMinException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what went wrong, for a human
   */
  public KubeMinException(String message) {
    super(message);
  }

  /**
   * @param message what went wrong, for a human
   * @param cause the underlying failure
   */
  public KubeMinException(String message, Throwable cause) {
    super(message, cause);
  }
}
