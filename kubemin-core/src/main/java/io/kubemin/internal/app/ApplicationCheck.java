package io.kubemin.internal.app;

import io.kubemin.DryRunResult;
import io.kubemin.error.RenderException;
import io.kubemin.error.ValidationError;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.Step;
import io.kubemin.render.RenderedApplication;
import io.kubemin.render.Renderer;
import io.kubemin.validation.ValidationCodes;
import io.kubemin.validation.ValidationException;
import io.kubemin.validation.ValidationResult;
import io.kubemin.validation.Validator;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The one check before anything is written: the validator's rules, then a render, so that an
 * application that cannot be rendered is refused as invalid input too.
 */
public final class ApplicationCheck {
  private final Validator validator;
  private final Renderer renderer;

  public ApplicationCheck(Renderer renderer) {
    this.renderer = renderer;
    this.validator = Validator.forRenderer(renderer);
  }

  /**
   * Validates and renders the application.
   *
   * @throws ValidationException when it is invalid or cannot be rendered
   */
  public RenderedApplication check(
      Application app, String appId, Map<String, String> componentIds) {
    validator.check(app);
    try {
      return renderer.render(app, appId, componentIds);
    } catch (RenderException e) {
      throw new ValidationException(List.of(renderError(app, e)));
    }
  }

  /**
   * Validates steps against the components of a stored application.
   *
   * @throws ValidationException when they are invalid
   */
  public void checkWorkflow(List<Step> steps, Collection<String> componentNames) {
    ValidationResult result = validator.validateWorkflow(steps, componentNames);
    if (!result.valid()) {
      throw new ValidationException(result.errors());
    }
  }

  /** Validation and, when valid, rendering; nothing is written. */
  public DryRunResult dryRun(Application app) {
    ValidationResult result = validator.validate(app);
    if (!result.valid()) {
      return new DryRunResult(result, null, null);
    }
    try {
      return new DryRunResult(result, renderer.render(app, app.id(), Map.of()), null);
    } catch (RenderException | IllegalArgumentException e) {
      return new DryRunResult(result, null, e.getMessage());
    }
  }

  private static ValidationError renderError(Application app, RenderException e) {
    List<Component> components = app.components();
    int index = 0;
    while (index < components.size() && !e.component().equals(components.get(index).name())) {
      index++;
    }
    return new ValidationError(
        "component[" + index + "]." + e.path(), ValidationCodes.INVALID_TRAIT_CONFIG, e.problem());
  }
}
