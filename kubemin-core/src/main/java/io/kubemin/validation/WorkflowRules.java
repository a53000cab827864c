package io.kubemin.validation;

import io.kubemin.model.RetrySpec;
import io.kubemin.model.Step;
import io.kubemin.model.StepMode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Rules for {@code workflow[]}: step names, modes, components, timing and dependencies. */
final class WorkflowRules {
  private final Findings findings;
  private final Set<String> componentNames;
  private final Set<String> seenStepNames = new HashSet<>();

  /**
   * @param componentNames lower-cased names steps may refer to, or null to skip that check
   */
  WorkflowRules(Findings findings, Set<String> componentNames) {
    this.findings = findings;
    this.componentNames = componentNames;
  }

  void check(List<Step> steps) {
    TraitRules.each(
        steps,
        "workflow",
        (step, field) -> {
          checkStep(step, field);
          TraitRules.each(step.subSteps(), field + ".subSteps", this::checkSubStep);
        });
    new StepGraph(findings).check(steps);
  }

  private void checkSubStep(Step subStep, String field) {
    checkStep(subStep, field);
    if (subStep.suspends()) {
      findings.error(
          field + ".type",
          ValidationCodes.INVALID_SUSPEND_STEP,
          "a sub-step cannot be a suspend step; make it a step of the workflow");
    }
    if (!subStep.subSteps().isEmpty()) {
      findings.error(
          field + ".subSteps",
          ValidationCodes.INVALID_SUB_STEP,
          "a sub-step cannot have sub-steps of its own");
    }
    if (!subStep.dependsOn().isEmpty()) {
      findings.error(
          field + ".depends_on",
          ValidationCodes.INVALID_SUB_STEP,
          "depends_on is for steps; sub-steps run as part of their step");
    }
  }

  private void checkStep(Step step, String field) {
    String name = step.name();
    if (name != null && !name.isEmpty()) {
      NameRules.checkName(name, field + ".name", findings);
      if (!seenStepNames.add(name.toLowerCase(Locale.ROOT))) {
        findings.error(
            field + ".name",
            ValidationCodes.DUPLICATE_WORKFLOW_STEP,
            "duplicate step name: " + Findings.quote(name) + " (names are case-insensitive)");
      }
    }
    if (!checkType(step, field)) {
      return;
    }
    if (StepMode.fromJsonName(step.mode()).isEmpty()) {
      findings.error(
          field + ".mode",
          ValidationCodes.INVALID_WORKFLOW_MODE,
          "mode must be StepByStep or DAG (got " + Findings.quote(step.mode()) + ")");
    }
    if (step.componentNames().isEmpty() && step.subSteps().isEmpty()) {
      findings.error(
          field,
          ValidationCodes.WORKFLOW_STEP_NO_COMPONENT,
          "step must name at least one component or have sub-steps");
    }
    checkComponentReferences(step.components(), field + ".components");
    if (step.properties() != null) {
      checkComponentReferences(step.properties().policies(), field + ".properties.policies");
    }
    checkDuration(step.timeout(), field + ".timeout", false);
    checkRetries(step.retries(), field + ".retries");
  }

  /** Checks the type; returns whether the deploy rules apply (false for a suspend step). */
  private boolean checkType(Step step, String field) {
    String type = step.type();
    if (type != null && !type.equals(Step.TYPE_DEPLOY) && !type.equals(Step.TYPE_SUSPEND)) {
      findings.error(
          field + ".type",
          ValidationCodes.INVALID_STEP_TYPE,
          "type must be deploy or suspend (got " + Findings.quote(type) + ")");
      return false;
    }
    if (!step.suspends()) {
      if (step.message() != null) {
        findings.error(
            field + ".message",
            ValidationCodes.INVALID_SUSPEND_STEP,
            "message is for suspend steps (type: suspend)");
      }
      return true;
    }
    forbidOnSuspend(!step.componentNames().isEmpty(), field + ".components", "components");
    forbidOnSuspend(!step.subSteps().isEmpty(), field + ".subSteps", "sub-steps");
    forbidOnSuspend(step.retries() != null, field + ".retries", "retries");
    forbidOnSuspend(step.mode() != null && !step.mode().isEmpty(), field + ".mode", "a mode");
    TextLimits.check(field + ".message", step.message(), TextLimits.LONG_TEXT, findings);
    checkDuration(step.timeout(), field + ".timeout", false);
    return false;
  }

  private void forbidOnSuspend(boolean present, String field, String what) {
    if (present) {
      findings.error(
          field,
          ValidationCodes.INVALID_SUSPEND_STEP,
          "a suspend step waits for a resume and deploys nothing: it cannot have " + what);
    }
  }

  private void checkComponentReferences(List<String> references, String listField) {
    if (componentNames == null) {
      return;
    }
    TraitRules.each(
        references,
        listField,
        (reference, field) -> {
          if (!componentNames.contains(reference.toLowerCase(Locale.ROOT))) {
            findings.error(
                field,
                ValidationCodes.COMPONENT_NOT_FOUND,
                "component " + Findings.quote(reference) + " not found in application");
          }
        });
  }

  private void checkRetries(RetrySpec retries, String field) {
    if (retries == null) {
      return;
    }
    if (retries.limit() != null && retries.limit() < 0) {
      findings.error(
          field + ".limit",
          ValidationCodes.INVALID_TRAIT_CONFIG,
          "retries limit must be 0 or more (got " + retries.limit() + ")");
    }
    checkDuration(retries.backoff(), field + ".backoff", true);
  }

  private void checkDuration(String text, String field, boolean zeroAllowed) {
    if (text == null || text.isEmpty()) {
      return;
    }
    try {
      Duration duration = Durations.parse(text);
      if (duration.isZero() && !zeroAllowed) {
        findings.error(field, ValidationCodes.INVALID_DURATION, "must be longer than zero");
      }
    } catch (IllegalArgumentException e) {
      findings.error(field, ValidationCodes.INVALID_DURATION, e.getMessage());
    }
  }
}
