/**
 * API: Kubernetes execution for KubeMin: {@link io.kubemin.k8s.KubernetesJobExecutor} (server-side
 * apply, readiness, cleanup), {@link io.kubemin.k8s.KubernetesStatusSync} (live component status
 * from informers) and {@link io.kubemin.k8s.LeaseLeaderElection} (leader election on a Lease).
 */
package io.kubemin.k8s;
