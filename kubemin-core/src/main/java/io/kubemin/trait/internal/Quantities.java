package io.kubemin.trait.internal;

import io.fabric8.kubernetes.api.model.Quantity;
import io.kubemin.trait.TraitContext;

/** Kubernetes quantities ({@code 500m}, {@code 10Gi}, {@code 1.5}), checked before use. */
final class Quantities {
  private Quantities() {}

  /**
   * The quantity.
   *
   * @throws io.kubemin.error.RenderException naming {@code path} when the text is no quantity
   */
  static Quantity parse(TraitContext context, String path, String text) {
    if (text == null || !io.kubemin.validation.Quantities.isQuantity(text.trim())) {
      throw context.error(path, "'" + text + "' is not " + io.kubemin.validation.Quantities.RULE);
    }
    return new Quantity(text.trim());
  }
}
