package io.kubemin;

import io.kubemin.render.RenderedApplication;
import io.kubemin.validation.ValidationResult;

/**
 * What an application would become, without writing or applying anything.
 *
 * @param validation every validation error and warning
 * @param rendered the objects the engine would apply, or null when the application is invalid
 * @param renderError why rendering failed although validation passed, else null
 */
public record DryRunResult(
    ValidationResult validation, RenderedApplication rendered, String renderError) {

  /** Whether the application could be created and deployed as it is. */
  public boolean valid() {
    return validation.valid() && renderError == null;
  }
}
