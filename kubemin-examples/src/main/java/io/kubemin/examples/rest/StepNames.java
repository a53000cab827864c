package io.kubemin.examples.rest;

import io.kubemin.model.Step;
import io.kubemin.model.StepProperties;
import java.util.List;
import java.util.Locale;

/**
 * The upstream's normalisation of workflow bodies: step names and component references are trimmed
 * and lower-cased before validation, so {@code "Backend"} refers to component {@code backend}.
 */
final class StepNames {
  private StepNames() {}

  static List<Step> normalized(List<Step> steps) {
    return steps.stream().map(StepNames::normalized).toList();
  }

  private static Step normalized(Step step) {
    StepProperties properties =
        step.properties() == null
            ? null
            : new StepProperties(lowerCased(step.properties().policies()));
    return new Step(
        lowerCased(step.name()),
        step.jobType(),
        step.mode(),
        lowerCased(step.components()),
        properties,
        normalized(step.subSteps()),
        lowerCased(step.dependsOn()),
        step.timeout(),
        step.retries(),
        step.type(),
        step.message());
  }

  private static List<String> lowerCased(List<String> names) {
    return names.stream().map(StepNames::lowerCased).toList();
  }

  private static String lowerCased(String name) {
    return name == null ? null : name.trim().toLowerCase(Locale.ROOT);
  }
}
