package io.kubemin.k8s.internal;

import io.kubemin.spi.JobKind;

/**
 * The cluster does not serve a kind (typically: its CustomResourceDefinition is not installed), or
 * serves it with another scope than the job's kind says.
 */
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

  /**
   * @param kind the kind whose scope differs
   * @param namespacedInCluster whether the cluster serves it namespaced
   */
  public UnknownKindException(JobKind kind, boolean namespacedInCluster) {
    super(
        "kind "
            + kind.kubernetesKind()
            + " ("
            + kind.apiVersion()
            + ") is "
            + (namespacedInCluster ? "namespaced" : "cluster-scoped")
            + " in the cluster: add its objects with JobKind.custom(\""
            + kind.group()
            + "\", \""
            + kind.version()
            + "\", \""
            + kind.kubernetesKind()
            + "\", "
            + namespacedInCluster
            + ", band)");
  }
}
