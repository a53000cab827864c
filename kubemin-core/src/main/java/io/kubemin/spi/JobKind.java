package io.kubemin.spi;

/**
 * What a job applies: one Kubernetes kind. The band orders jobs inside a step: every job of a lower
 * band completes before the next band starts.
 */
public enum JobKind {
  /** ConfigMap of a {@code config} component. */
  CONFIG_MAP("ConfigMap", "configmap_deploy", 0),
  /** Secret of a {@code secret} component. */
  SECRET("Secret", "secret_deploy", 0),
  /** PersistentVolumeClaim of a storage trait. */
  PERSISTENT_VOLUME_CLAIM("PersistentVolumeClaim", "store_pvc_deploy", 1),
  /** ServiceAccount of an rbac trait. */
  SERVICE_ACCOUNT("ServiceAccount", "service_account_deploy", 1),
  /** Role of an rbac trait. */
  ROLE("Role", "role_deploy", 1),
  /** RoleBinding of an rbac trait. */
  ROLE_BINDING("RoleBinding", "role_binding_deploy", 1),
  /** ClusterRole of a cluster-scoped rbac trait. */
  CLUSTER_ROLE("ClusterRole", "cluster_role_deploy", 1),
  /** ClusterRoleBinding of a cluster-scoped rbac trait. */
  CLUSTER_ROLE_BINDING("ClusterRoleBinding", "cluster_role_binding_deploy", 1),
  /** Deployment of a {@code webservice} component. */
  DEPLOYMENT("Deployment", "deploy", 10),
  /** StatefulSet of a {@code store} component. */
  STATEFUL_SET("StatefulSet", "store_deploy", 10),
  /** Service of a component with ports (and the headless Service of a store). */
  SERVICE("Service", "service_deploy", 10),
  /** Ingress of an ingress trait. */
  INGRESS("Ingress", "ingress_deploy", 20);

  /** Band of ConfigMaps and Secrets. */
  public static final int BAND_CONFIG = 0;

  /** Band of claims and RBAC objects. */
  public static final int BAND_SUPPORT = 1;

  /** Band of workloads and Services. */
  public static final int BAND_WORKLOAD = 10;

  /** Band of Ingresses. */
  public static final int BAND_EDGE = 20;

  private final String kubernetesKind;
  private final String upstreamType;
  private final int band;

  JobKind(String kubernetesKind, String upstreamType, int band) {
    this.kubernetesKind = kubernetesKind;
    this.upstreamType = upstreamType;
    this.band = band;
  }

  /** The Kubernetes {@code kind}, such as {@code Deployment}. */
  public String kubernetesKind() {
    return kubernetesKind;
  }

  /** The upstream job type string stored in job records, such as {@code store_deploy}. */
  public String upstreamType() {
    return upstreamType;
  }

  /** Priority band: 0 config, 1 claims and RBAC, 10 workloads and Services, 20 Ingress. */
  public int band() {
    return band;
  }

  /** Whether the object is cluster-scoped (no namespace). */
  public boolean clusterScoped() {
    return this == CLUSTER_ROLE || this == CLUSTER_ROLE_BINDING;
  }

  /** The job kind for a Kubernetes kind name. */
  public static java.util.Optional<JobKind> ofKubernetesKind(String kind) {
    for (JobKind jobKind : values()) {
      if (jobKind.kubernetesKind.equals(kind)) {
        return java.util.Optional.of(jobKind);
      }
    }
    return java.util.Optional.empty();
  }
}
