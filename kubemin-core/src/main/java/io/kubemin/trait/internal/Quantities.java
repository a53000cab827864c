package io.kubemin.trait.internal;

import io.fabric8.kubernetes.api.model.Quantity;
import io.kubemin.trait.TraitContext;
import java.util.regex.Pattern;

/** Kubernetes quantities ({@code 500m}, {@code 10Gi}, {@code 1.5}), checked before use. */
final class Quantities {
  private static final Pattern QUANTITY =
      Pattern.compile("(\\d+(\\.\\d*)?|\\.\\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\\d+)?");

  private Quantities() {}

  /**
   * The quantity.
   *
   * @throws io.kubemin.render.RenderException naming {@code path} when the text is no quantity
   */
  static Quantity parse(TraitContext context, String path, String text) {
    if (text == null || !QUANTITY.matcher(text.trim()).matches()) {
      throw context.error(
          path, "'" + text + "' is not a Kubernetes quantity (such as 500m, 512Mi, 10Gi)");
    }
    return new Quantity(text.trim());
  }
}
