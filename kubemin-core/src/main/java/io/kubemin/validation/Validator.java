package io.kubemin.validation;

import io.kubemin.error.ValidationError;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.Parsed;
import io.kubemin.model.Step;
import io.kubemin.render.Renderer;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Checks applications and workflows against every rule KubeMin knows, and reports all problems at
 * once. The single validator behind dry-run, create, update and the command line. Immutable and
 * thread-safe; never throws on a value {@link io.kubemin.model.ModelCodec} can produce.
 *
 * <pre>{@code
 * ValidationResult result = Validator.standard().validate(ModelCodec.json().readApplication(json));
 * if (!result.valid()) {
 *   throw new ValidationException(result.errors());
 * }
 * }</pre>
 */
public final class Validator {
  private static final Validator STANDARD = new Validator(PluginRules.names(Set.of()));

  private final PluginRules plugins;

  private Validator(PluginRules plugins) {
    this.plugins = plugins;
  }

  /**
   * The built-in rules, with no plugin registered: every key under {@code traits} that is not a
   * built-in trait is an {@link ValidationCodes#UNKNOWN_TRAIT} error.
   */
  public static Validator standard() {
    return STANDARD;
  }

  /**
   * The built-in rules plus what the renderer's plugins bring: their trait keys and component types
   * are known, and their own checks ({@code TraitProcessor.validate}, {@code
   * ComponentTypeRenderer.validate}) run.
   */
  public static Validator forRenderer(Renderer renderer) {
    return new Validator(
        new PluginRules(
            renderer.customTraitNames(),
            renderer.customTraitProcessors(),
            renderer.customComponentTypes()));
  }

  /**
   * A validator that also knows these custom trait keys (those with a {@code TraitProcessor}):
   * other keys under {@code traits} are an {@link ValidationCodes#UNKNOWN_TRAIT} error.
   */
  public Validator withCustomTraits(Set<String> traitNames) {
    return new Validator(plugins.withTraitNames(traitNames));
  }

  /** Checks an application: names, components, traits and its workflow. */
  public ValidationResult validate(Application app) {
    Objects.requireNonNull(app, "app");
    Findings findings = new Findings();
    NameRules.checkName(app.name(), "name", findings);
    NameRules.checkNamespace(app.namespace(), "namespace", findings);
    TextLimits.checkApplication(app, findings);
    TraitRules traits = new TraitRules(findings, plugins, app.components());
    new ComponentRules(findings, traits, plugins).check(app.components());
    new WorkflowRules(findings, lowerCased(app.components().stream().map(Component::name).toList()))
        .check(app.workflow());
    return findings.result();
  }

  /** Checks a parsed application, adding an {@code UNKNOWN_FIELD} warning per ignored field. */
  public ValidationResult validate(Parsed<Application> parsed) {
    return validate(parsed.value()).withWarnings(unknownFields(parsed));
  }

  /**
   * Checks a workflow on its own against the components of a stored application (the workflow
   * dry-run). An empty workflow is an error here: there is no default to fall back to.
   *
   * @param componentNames the names steps may refer to (compared case-insensitively)
   */
  public ValidationResult validateWorkflow(List<Step> steps, Collection<String> componentNames) {
    return workflow(steps, lowerCased(componentNames));
  }

  /**
   * Checks the structure of a workflow without knowing the components: names, modes, duplicates,
   * {@code depends_on}, timeouts and retries. For a workflow-only document.
   */
  public ValidationResult validateWorkflowShape(List<Step> steps) {
    return workflow(steps, null);
  }

  /**
   * Checks an application and throws when it is invalid.
   *
   * @throws ValidationException carrying every error
   */
  public void check(Application app) {
    ValidationResult result = validate(app);
    if (!result.valid()) {
      throw new ValidationException(result.errors());
    }
  }

  /** The {@code UNKNOWN_FIELD} warnings for the fields a reader ignored. */
  public static List<ValidationError> unknownFields(Parsed<?> parsed) {
    return parsed.unknownFields().stream().map(ValidationError::unknownField).toList();
  }

  private static ValidationResult workflow(List<Step> steps, Set<String> componentNames) {
    Findings findings = new Findings();
    if (steps.isEmpty()) {
      findings.error(
          "workflow",
          ValidationCodes.MISSING_REQUIRED_FIELD,
          "workflow must contain at least one step");
    } else {
      new WorkflowRules(findings, componentNames).check(steps);
    }
    return findings.result();
  }

  private static Set<String> lowerCased(Collection<String> names) {
    Set<String> lower = new HashSet<>();
    for (String name : names) {
      if (name != null) {
        lower.add(name.toLowerCase(Locale.ROOT));
      }
    }
    return lower;
  }
}
