package io.kubemin.workflow;

/**
 * What a task does after it deployed an application successfully: it deletes the cluster objects
 * that carry the application's ownership labels but that the application no longer renders (a
 * removed component, a removed trait's claim, a renamed Ingress), Ingresses first and ConfigMaps
 * and Secrets last. Objects without the labels are never touched. The default, {@link
 * #keepClaims()}, collects everything except PersistentVolumeClaims, which keep their data as
 * StatefulSets keep theirs.
 *
 * <pre>{@code
 * KubeMin.builder().garbageCollection(GarbageCollection.deletingClaims());
 * KubeMin.builder().garbageCollection(appId, GarbageCollection.off());
 * }</pre>
 *
 * @param enabled whether garbage is collected at all
 * @param deletePersistentVolumeClaims whether claims that are no longer rendered are deleted too
 *     ({@code gc.deletePersistentVolumeClaims})
 */
public record GarbageCollection(boolean enabled, boolean deletePersistentVolumeClaims) {
  private static final GarbageCollection KEEP_CLAIMS = new GarbageCollection(true, false);
  private static final GarbageCollection DELETE_CLAIMS = new GarbageCollection(true, true);
  private static final GarbageCollection OFF = new GarbageCollection(false, false);

  /** Collects garbage, keeps claims (the default). */
  public static GarbageCollection keepClaims() {
    return KEEP_CLAIMS;
  }

  /** Collects garbage, claims included: their volumes' data may be lost with them. */
  public static GarbageCollection deletingClaims() {
    return DELETE_CLAIMS;
  }

  /** Collects nothing: objects are only deleted with their application or component. */
  public static GarbageCollection off() {
    return OFF;
  }
}
