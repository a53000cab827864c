package io.kubemin.k8s.internal;

/** The data of a URL-mode ConfigMap or Secret could not be fetched. */
public final class SourceFetchException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed, naming the URL without its query
   */
  public SourceFetchException(String message) {
    super(message);
  }
}
