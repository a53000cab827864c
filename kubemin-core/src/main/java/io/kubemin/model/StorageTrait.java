package io.kubemin.model;

/**
 * A volume for the containers of a component ({@code traits.storage[]}).
 *
 * @param name volume name (required)
 * @param type {@code persistent}, {@code ephemeral}, {@code config} or {@code secret}
 * @param mountPath where the volume is mounted
 * @param subPath sub path inside the volume
 * @param readOnly mount read-only
 * @param sourceName ConfigMap or Secret name for {@code config}/{@code secret} volumes
 * @param tmpCreate persistent only: create the claim (a volume claim template for stores)
 * @param size persistent only: requested size, a Kubernetes quantity (default {@code 1Gi})
 * @param claimName persistent only: the existing claim to mount when not {@code tmpCreate}
 * @param storageClass persistent only: storage class of created claims
 */
public record StorageTrait(
    String name,
    String type,
    String mountPath,
    String subPath,
    Boolean readOnly,
    String sourceName,
    Boolean tmpCreate,
    String size,
    String claimName,
    String storageClass) {

  /** Whether {@code tmp_create} is set to true. */
  public boolean createsClaim() {
    return Boolean.TRUE.equals(tmpCreate);
  }
}
