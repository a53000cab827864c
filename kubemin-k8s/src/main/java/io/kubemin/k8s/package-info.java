/**
 * API: Kubernetes execution for KubeMin: {@link io.kubemin.k8s.KubernetesJobExecutor} (server-side
 * apply of any kind, readiness, cleanup), {@link io.kubemin.k8s.KubernetesStatusSync} (live
 * component status from informers) and {@link io.kubemin.k8s.LeaseLeaderElection} (leader election
 * on a Lease). SPI: {@link io.kubemin.k8s.ReadinessRule}, a kind's own readiness rule.
 */
package io.kubemin.k8s;
