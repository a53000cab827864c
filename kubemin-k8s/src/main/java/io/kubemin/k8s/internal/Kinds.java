package io.kubemin.k8s.internal;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.kubemin.spi.JobKind;

/** The fabric8 model class of each job kind. */
public final class Kinds {
  private Kinds() {}

  /** The model class objects of this kind are read as. */
  public static Class<? extends HasMetadata> type(JobKind kind) {
    return switch (kind) {
      case CONFIG_MAP -> ConfigMap.class;
      case SECRET -> Secret.class;
      case PERSISTENT_VOLUME_CLAIM -> PersistentVolumeClaim.class;
      case SERVICE_ACCOUNT -> ServiceAccount.class;
      case ROLE -> Role.class;
      case ROLE_BINDING -> RoleBinding.class;
      case CLUSTER_ROLE -> ClusterRole.class;
      case CLUSTER_ROLE_BINDING -> ClusterRoleBinding.class;
      case DEPLOYMENT -> Deployment.class;
      case STATEFUL_SET -> StatefulSet.class;
      case SERVICE -> Service.class;
      case INGRESS -> Ingress.class;
    };
  }

  /** {@code Kind/namespace/name} of an object of the kind. */
  public static String key(JobKind kind, String namespace, String name) {
    return kind.kubernetesKind() + "/" + (namespace == null ? "" : namespace) + "/" + name;
  }

  /** The informer store key: {@code namespace/name}, or {@code name} for cluster-scoped objects. */
  public static String storeKey(String namespace, String name) {
    return namespace == null ? name : namespace + "/" + name;
  }
}
