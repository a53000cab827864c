package io.kubemin.k8s.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemin.render.Labels;
import io.kubemin.spi.JobKind;
import java.util.Map;

/**
 * Reads the labels and annotations the renderer ({@link Labels}) puts on objects, and decides
 * ownership from them.
 */
public final class ObjectLabels {
  /** Application id, on every object KubeMin renders. */
  public static final String APP_ID = Labels.APP_ID;

  /** Component id (the stored component's id). */
  public static final String COMPONENT_ID = Labels.COMPONENT_ID;

  /** Ownership marker: {@code <appId>} on RBAC objects. */
  public static final String OWNER = Labels.OWNER;

  /** Share name of a component with a {@code share} trait. */
  public static final String SHARE_NAME = Labels.SHARE_NAME;

  /** Share strategy: {@code default}, {@code ignore} or {@code force}. */
  public static final String SHARE_STRATEGY = Labels.SHARE_STRATEGY;

  /** Annotation: URL a ConfigMap's or Secret's data is fetched from at apply time. */
  public static final String SOURCE_URL = Labels.SOURCE_URL_ANNOTATION;

  /** Annotation: the key the fetched data is stored under. */
  public static final String SOURCE_FILE = Labels.SOURCE_FILE_ANNOTATION;

  private ObjectLabels() {}

  /** A label of the object, or null. */
  public static String label(HasMetadata object, String key) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }

  /** An annotation of the object, or null. */
  public static String annotation(HasMetadata object, String key) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  /**
   * Whether a deployed object belongs to the application: RBAC objects by their ownership marker
   * {@code kube-min-cli=<appId>}, the others by their application id label.
   */
  public static boolean ownedBy(HasMetadata object, JobKind kind, String appId) {
    String key = isRbac(kind) ? OWNER : APP_ID;
    return appId != null && appId.equals(label(object, key));
  }

  /** Whether the kind is a ServiceAccount, Role, binding or cluster role. */
  public static boolean isRbac(JobKind kind) {
    return kind.equals(JobKind.SERVICE_ACCOUNT)
        || kind.equals(JobKind.ROLE)
        || kind.equals(JobKind.ROLE_BINDING)
        || kind.equals(JobKind.CLUSTER_ROLE)
        || kind.equals(JobKind.CLUSTER_ROLE_BINDING);
  }
}
