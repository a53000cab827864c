package io.kubemin.k8s.internal;

import io.kubemin.spi.JobKind;

/** The cluster does not serve a kind (typically: its CustomResourceDefinition is not installed). */
public final class UnknownKindException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param kind the kind the server's discovery does not list
   */
  public UnknownKindException(JobKind kind) {
    super(
        "kind "
            + kind.kubernetesKind()
            + " ("
            + kind.apiVersion()
            + ") is not served by the cluster: is its CustomResourceDefinition installed?");
  }
}
