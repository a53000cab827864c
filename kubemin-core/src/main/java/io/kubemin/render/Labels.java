package io.kubemin.render;

import java.util.LinkedHashMap;
import java.util.Map;

/** Label and annotation keys of rendered objects (inventory §3.3), and the label sets. */
public final class Labels {
  /**
   * {@code <appId>-<component>} on component objects; {@code <appId>} on RBAC objects, where it
   * marks them as owned by KubeMin.
   */
  public static final String OWNER = "kube-min-cli";

  /** Application id. */
  public static final String APP_ID = "kube-min-cli-appId";

  /** Component id (the stored id, or one derived from the application id and component name). */
  public static final String COMPONENT_ID = "kube-min-cli-componentId";

  /** Component name. */
  public static final String COMPONENT_NAME = "kube-min-cli-componentName";

  /** Share name, on every object of a component with a {@code share} trait. */
  public static final String SHARE_NAME = "kubemin-share-name";

  /** Share strategy ({@code default}, {@code ignore}, {@code force}). */
  public static final String SHARE_STRATEGY = "kubemin-share-strategy";

  /** Annotation {@code template} on volume claim templates of a {@code store}. */
  public static final String PVC_ROLE_ANNOTATION = "storage.kubemin.cli/pvc-role";

  /** Annotation on URL-mode ConfigMaps and Secrets: where the data is fetched at apply time. */
  public static final String SOURCE_URL_ANNOTATION = "kubemin.io/source-url";

  /** Annotation on URL-mode ConfigMaps and Secrets: the key the fetched data is stored under. */
  public static final String SOURCE_FILE_ANNOTATION = "kubemin.io/source-file";

  private Labels() {}

  /**
   * The labels of a component's objects and pods: the user's {@code properties.labels}, then the
   * four KubeMin labels (which win on a clash).
   */
  public static Map<String, String> component(
      String appId, String componentId, String component, Map<String, String> userLabels) {
    // Sized for the four labels added, so that adding them never grows the table; forEach does not
    // wrap each entry of the (unmodifiable) user labels as putAll would.
    Map<String, String> labels = new LinkedHashMap<>(2 * (userLabels.size() + 4));
    userLabels.forEach(labels::put);
    labels.put(OWNER, Naming.fit(appId + "-" + component));
    labels.put(APP_ID, appId);
    labels.put(COMPONENT_ID, componentId);
    labels.put(COMPONENT_NAME, component);
    return labels;
  }

  /**
   * The selector of a component's workload and Service: its own pods only (the upstream selected
   * every pod of the application).
   */
  public static Map<String, String> selector(String appId, String component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(APP_ID, appId);
    labels.put(COMPONENT_NAME, component);
    return labels;
  }

  /**
   * The labels of an RBAC object: the user's, then {@link #OWNER}{@code =<appId>} (the ownership
   * marker), the application id and the component name.
   */
  public static Map<String, String> rbac(
      String appId, String component, Map<String, String> userLabels) {
    Map<String, String> labels = new LinkedHashMap<>(userLabels);
    labels.put(OWNER, appId);
    labels.put(APP_ID, appId);
    labels.put(COMPONENT_NAME, component);
    return labels;
  }
}
