package io.kubemin.internal.gc;

import io.kubemin.spi.RenderedObject;
import java.util.List;

/**
 * The objects of an application in the cluster that it no longer renders.
 *
 * @param toDelete what garbage collection deletes, highest band first
 * @param keptClaims PersistentVolumeClaims that are garbage but kept by the policy
 * @param unreadable kinds that could not be listed, with the reason (nothing of them is deleted)
 */
public record Garbage(
    List<RenderedObject> toDelete, List<RenderedObject> keptClaims, List<String> unreadable) {
  public Garbage {
    toDelete = List.copyOf(toDelete);
    keptClaims = List.copyOf(keptClaims);
    unreadable = List.copyOf(unreadable);
  }

  /** No garbage, nothing read. */
  public static final Garbage NONE = new Garbage(List.of(), List.of(), List.of());
}
