package io.kubemin.spi;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a job applies: one Kubernetes kind (API group, version and kind), whether its objects live
 * in a namespace, and its band. The band orders jobs inside a step: every job of a lower band
 * completes before the next band starts.
 *
 * <p>An open value type: the twelve kinds KubeMin renders itself are constants ({@link
 * #DEPLOYMENT}, {@link #SERVICE}, ...); any other kind, a built-in Kubernetes one such as a {@code
 * HorizontalPodAutoscaler} or a custom resource such as cert-manager's {@code Certificate}, is made
 * with {@link #of(HasMetadata)} (band {@link #BAND_WORKLOAD}, the documented default) or {@link
 * #custom(String, String, String, boolean, int)} (a band of the plugin's choice).
 *
 * <p>Two kinds are equal when they name the same group, version and kind; scope and band are
 * properties of the kind, not part of its identity.
 */
public final class JobKind {
  /** Band of ConfigMaps and Secrets. */
  public static final int BAND_CONFIG = 0;

  /** Band of claims and RBAC objects. */
  public static final int BAND_SUPPORT = 1;

  /** Band of workloads and Services, and the default band of every kind not built in. */
  public static final int BAND_WORKLOAD = 10;

  /** Band of Ingresses. */
  public static final int BAND_EDGE = 20;

  private static final String RBAC = "rbac.authorization.k8s.io";

  /** ConfigMap of a {@code config} component. */
  public static final JobKind CONFIG_MAP =
      builtIn("CONFIG_MAP", "", "ConfigMap", "configmap_deploy", BAND_CONFIG, true);

  /** Secret of a {@code secret} component. */
  public static final JobKind SECRET =
      builtIn("SECRET", "", "Secret", "secret_deploy", BAND_CONFIG, true);

  /** PersistentVolumeClaim of a storage trait. */
  public static final JobKind PERSISTENT_VOLUME_CLAIM =
      builtIn(
          "PERSISTENT_VOLUME_CLAIM",
          "",
          "PersistentVolumeClaim",
          "store_pvc_deploy",
          BAND_SUPPORT,
          true);

  /** ServiceAccount of an rbac trait. */
  public static final JobKind SERVICE_ACCOUNT =
      builtIn(
          "SERVICE_ACCOUNT", "", "ServiceAccount", "service_account_deploy", BAND_SUPPORT, true);

  /** Role of an rbac trait. */
  public static final JobKind ROLE =
      builtIn("ROLE", RBAC, "Role", "role_deploy", BAND_SUPPORT, true);

  /** RoleBinding of an rbac trait. */
  public static final JobKind ROLE_BINDING =
      builtIn("ROLE_BINDING", RBAC, "RoleBinding", "role_binding_deploy", BAND_SUPPORT, true);

  /** ClusterRole of a cluster-scoped rbac trait. */
  public static final JobKind CLUSTER_ROLE =
      builtIn("CLUSTER_ROLE", RBAC, "ClusterRole", "cluster_role_deploy", BAND_SUPPORT, false);

  /** ClusterRoleBinding of a cluster-scoped rbac trait. */
  public static final JobKind CLUSTER_ROLE_BINDING =
      builtIn(
          "CLUSTER_ROLE_BINDING",
          RBAC,
          "ClusterRoleBinding",
          "cluster_role_binding_deploy",
          BAND_SUPPORT,
          false);

  /** Deployment of a {@code webservice} component. */
  public static final JobKind DEPLOYMENT =
      builtIn("DEPLOYMENT", "apps", "Deployment", "deploy", BAND_WORKLOAD, true);

  /** StatefulSet of a {@code store} component. */
  public static final JobKind STATEFUL_SET =
      builtIn("STATEFUL_SET", "apps", "StatefulSet", "store_deploy", BAND_WORKLOAD, true);

  /** Service of a component with ports (and the headless Service of a store). */
  public static final JobKind SERVICE =
      builtIn("SERVICE", "", "Service", "service_deploy", BAND_WORKLOAD, true);

  /** Ingress of an ingress trait. */
  public static final JobKind INGRESS =
      builtIn("INGRESS", "networking.k8s.io", "Ingress", "ingress_deploy", BAND_EDGE, true);

  private static final List<JobKind> BUILT_INS =
      List.of(
          CONFIG_MAP,
          SECRET,
          PERSISTENT_VOLUME_CLAIM,
          SERVICE_ACCOUNT,
          ROLE,
          ROLE_BINDING,
          CLUSTER_ROLE,
          CLUSTER_ROLE_BINDING,
          DEPLOYMENT,
          STATEFUL_SET,
          SERVICE,
          INGRESS);

  private static final Pattern KIND = Pattern.compile("[A-Z][A-Za-z0-9]*");
  private static final Pattern VERSION = Pattern.compile("v[0-9]+((alpha|beta)[0-9]+)?");
  private static final Pattern GROUP = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

  private final String name;
  private final String group;
  private final String version;
  private final String kind;
  private final String upstreamType;
  private final int band;
  private final boolean namespaced;
  private final boolean builtIn;

  private JobKind(
      String name,
      String group,
      String version,
      String kind,
      String upstreamType,
      int band,
      boolean namespaced,
      boolean builtIn) {
    this.name = name;
    this.group = group;
    this.version = version;
    this.kind = kind;
    this.upstreamType = upstreamType;
    this.band = band;
    this.namespaced = namespaced;
    this.builtIn = builtIn;
  }

  private static JobKind builtIn(
      String name, String group, String kind, String upstreamType, int band, boolean namespaced) {
    return new JobKind(name, group, "v1", kind, upstreamType, band, namespaced, true);
  }

  /**
   * A kind that KubeMin does not render itself, with its scope and band.
   *
   * @param group the API group, empty for the core group
   * @param version the API version, such as {@code v1} or {@code v1beta1}
   * @param kind the kind, such as {@code Certificate}
   * @param namespaced whether objects of the kind live in a namespace
   * @param band the band its jobs run in (see {@link #BAND_WORKLOAD} and the other bands)
   * @throws IllegalArgumentException when a part is malformed, the band is negative, or the kind is
   *     one of the built-in ones (use the constant)
   */
  public static JobKind custom(
      String group, String version, String kind, boolean namespaced, int band) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(kind, "kind");
    if (!group.isEmpty() && !GROUP.matcher(group).matches()) {
      throw new IllegalArgumentException("group must be a DNS subdomain (got '" + group + "')");
    }
    if (!VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException(
          "version must look like v1, v2beta1 or v1alpha1 (got '" + version + "')");
    }
    if (!KIND.matcher(kind).matches()) {
      throw new IllegalArgumentException(
          "kind must start with an upper-case letter, letters and digits only (got '"
              + kind
              + "')");
    }
    if (band < 0) {
      throw new IllegalArgumentException("band must be 0 or more (got " + band + ")");
    }
    Optional<JobKind> builtIn = findBuiltIn(group, kind);
    if (builtIn.isPresent()) {
      throw new IllegalArgumentException(
          kind + " is a built-in kind: use JobKind." + builtIn.get().name);
    }
    String apiVersion = group.isEmpty() ? version : group + "/" + version;
    return new JobKind(
        apiVersion + "/" + kind,
        group,
        version,
        kind,
        kind.toLowerCase(Locale.ROOT) + "_deploy",
        band,
        namespaced,
        false);
  }

  /**
   * The kind of an object: the built-in constant when it names one, otherwise a kind with the
   * default band {@link #BAND_WORKLOAD}, namespaced unless the object is a fabric8 model class that
   * is not {@link Namespaced} (for a cluster-scoped custom resource use {@link #custom}).
   *
   * @throws IllegalArgumentException when the object has no {@code apiVersion} or {@code kind}
   */
  public static JobKind of(HasMetadata object) {
    Objects.requireNonNull(object, "object");
    String apiVersion = object.getApiVersion();
    String kind = object.getKind();
    if (apiVersion == null || apiVersion.isBlank() || kind == null || kind.isBlank()) {
      throw new IllegalArgumentException(
          "the object needs apiVersion and kind (got "
              + apiVersion
              + ", "
              + kind
              + ") to be applied");
    }
    int slash = apiVersion.lastIndexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = apiVersion.substring(slash + 1);
    Optional<JobKind> builtIn = findBuiltIn(group, kind);
    if (builtIn.isPresent()) {
      return builtIn.get();
    }
    boolean namespaced =
        object instanceof Namespaced || object instanceof GenericKubernetesResource;
    return custom(group, version, kind, namespaced, BAND_WORKLOAD);
  }

  /**
   * The kind stored under {@code name} in a job record: a built-in's constant name, such as {@code
   * DEPLOYMENT}, or {@code [group/]version/Kind} for any other (namespaced, default band: the
   * record keeps the name only).
   *
   * @throws IllegalArgumentException when the name is neither
   */
  public static JobKind valueOf(String name) {
    Objects.requireNonNull(name, "name");
    for (JobKind kind : BUILT_INS) {
      if (kind.name.equals(name)) {
        return kind;
      }
    }
    String[] parts = name.split("/", -1);
    if (parts.length == 2) {
      return custom("", parts[0], parts[1], true, BAND_WORKLOAD);
    }
    if (parts.length == 3) {
      return custom(parts[0], parts[1], parts[2], true, BAND_WORKLOAD);
    }
    throw new IllegalArgumentException("no job kind is named '" + name + "'");
  }

  /** The twelve built-in kinds, in band order. */
  public static List<JobKind> values() {
    return BUILT_INS;
  }

  /** The built-in job kind for a Kubernetes kind name. */
  public static Optional<JobKind> ofKubernetesKind(String kind) {
    return BUILT_INS.stream().filter(k -> k.kind.equals(kind)).findFirst();
  }

  private static Optional<JobKind> findBuiltIn(String group, String kind) {
    return BUILT_INS.stream().filter(k -> k.group.equals(group) && k.kind.equals(kind)).findFirst();
  }

  /**
   * The name stored in job records: the constant's name for a built-in kind ({@code STATEFUL_SET}),
   * {@code [group/]version/Kind} for any other ({@code cert-manager.io/v1/Certificate}).
   */
  public String name() {
    return name;
  }

  /** The API group, empty for the core group. */
  public String group() {
    return group;
  }

  /** The API version within the group, such as {@code v1}. */
  public String version() {
    return version;
  }

  /** The {@code apiVersion} of objects of this kind, such as {@code apps/v1}. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The Kubernetes {@code kind}, such as {@code Deployment}. */
  public String kubernetesKind() {
    return kind;
  }

  /**
   * The upstream job type string, such as {@code store_deploy}; {@code <kind in lower case>_deploy}
   * for kinds not built in.
   */
  public String upstreamType() {
    return upstreamType;
  }

  /** Priority band: 0 config, 1 claims and RBAC, 10 workloads and Services, 20 Ingress. */
  public int band() {
    return band;
  }

  /** Whether the object is cluster-scoped (no namespace). */
  public boolean clusterScoped() {
    return !namespaced;
  }

  /** Whether this is one of the twelve kinds KubeMin renders itself. */
  public boolean builtIn() {
    return builtIn;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JobKind that
        && group.equals(that.group)
        && version.equals(that.version)
        && kind.equals(that.kind);
  }

  @Override
  public int hashCode() {
    return Objects.hash(group, version, kind);
  }

  /** The {@link #name()}. */
  @Override
  public String toString() {
    return name;
  }
}
