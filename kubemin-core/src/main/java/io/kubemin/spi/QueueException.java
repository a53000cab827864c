package io.kubemin.spi;

import io.kubemin.error.KubeMinException;

/** The queue could not be reached or refused an operation; the caller may retry. */
public class QueueException extends KubeMinException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed
   * @param cause the underlying failure
   */
  public QueueException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * @param message what failed
   */
  public QueueException(String message) {
    super(message);
  }
}
