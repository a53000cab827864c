package io.kubemin.k8s.internal;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
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
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.kubemin.spi.JobKind;
import java.util.Map;

/**
 * How each job kind is read: the fabric8 model class of the built-in kinds and of any kind the
 * client has a model class for (a {@code HorizontalPodAutoscaler}, a {@code CronJob}), or the API
 * resource the server's discovery names for any other (custom resources).
 */
public final class Kinds {
  private static final Map<JobKind, Class<? extends HasMetadata>> BUILT_IN =
      Map.ofEntries(
          Map.entry(JobKind.CONFIG_MAP, ConfigMap.class),
          Map.entry(JobKind.SECRET, Secret.class),
          Map.entry(JobKind.PERSISTENT_VOLUME_CLAIM, PersistentVolumeClaim.class),
          Map.entry(JobKind.SERVICE_ACCOUNT, ServiceAccount.class),
          Map.entry(JobKind.ROLE, Role.class),
          Map.entry(JobKind.ROLE_BINDING, RoleBinding.class),
          Map.entry(JobKind.CLUSTER_ROLE, ClusterRole.class),
          Map.entry(JobKind.CLUSTER_ROLE_BINDING, ClusterRoleBinding.class),
          Map.entry(JobKind.DEPLOYMENT, Deployment.class),
          Map.entry(JobKind.STATEFUL_SET, StatefulSet.class),
          Map.entry(JobKind.SERVICE, Service.class),
          Map.entry(JobKind.INGRESS, Ingress.class));

  private Kinds() {}

  /**
   * The model class objects of this kind are read as, or null when the client has none (a custom
   * resource, read as a {@link GenericKubernetesResource} through {@link #discover}).
   */
  public static Class<? extends HasMetadata> type(KubernetesClient client, JobKind kind) {
    Class<? extends HasMetadata> builtIn = BUILT_IN.get(kind);
    if (builtIn != null) {
      return builtIn;
    }
    Class<? extends KubernetesResource> registered =
        client
            .getKubernetesSerialization()
            .getRegisteredKubernetesResource(kind.apiVersion(), kind.kubernetesKind());
    if (registered == null
        || GenericKubernetesResource.class.equals(registered)
        || !HasMetadata.class.isAssignableFrom(registered)) {
      return null;
    }
    return registered.asSubclass(HasMetadata.class);
  }

  /**
   * The API resource of a kind the client has no model class for, from the server's discovery.
   *
   * @throws UnknownKindException when the server does not serve the kind, or with another scope
   */
  public static ResourceDefinitionContext discover(KubernetesClient client, JobKind kind) {
    APIResourceList resources;
    try {
      resources = client.getApiResources(kind.apiVersion());
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      resources = null;
    }
    if (resources != null && resources.getResources() != null) {
      for (APIResource resource : resources.getResources()) {
        if (kind.kubernetesKind().equals(resource.getKind()) && !resource.getName().contains("/")) {
          boolean namespaced = Boolean.TRUE.equals(resource.getNamespaced());
          if (namespaced == kind.clusterScoped()) {
            throw new UnknownKindException(kind, namespaced);
          }
          return new ResourceDefinitionContext.Builder()
              .withGroup(kind.group())
              .withVersion(kind.version())
              .withKind(kind.kubernetesKind())
              .withPlural(resource.getName())
              .withNamespaced(Boolean.TRUE.equals(resource.getNamespaced()))
              .build();
        }
      }
    }
    throw new UnknownKindException(kind);
  }

  /** {@code Kind/namespace/name} of an object of the kind. */
  public static String key(JobKind kind, String namespace, String name) {
    return keyPrefix(kind) + (namespace == null ? "" : namespace) + "/" + name;
  }

  /** What every {@link #key} of the kind starts with. */
  public static String keyPrefix(JobKind kind) {
    return kind.apiVersion() + "/" + kind.kubernetesKind() + "/";
  }

  /** The informer store key: {@code namespace/name}, or {@code name} for cluster-scoped objects. */
  public static String storeKey(String namespace, String name) {
    return namespace == null ? name : namespace + "/" + name;
  }
}
