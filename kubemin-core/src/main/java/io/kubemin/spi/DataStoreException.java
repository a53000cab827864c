package io.kubemin.spi;

import io.kubemin.error.KubeMinException;

/** The store could not be reached or refused an operation; the caller may retry. */
public class DataStoreException extends KubeMinException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed
   * @param cause the underlying failure
   */
  public DataStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * @param message what failed
   */
  public DataStoreException(String message) {
    super(message);
  }
}
