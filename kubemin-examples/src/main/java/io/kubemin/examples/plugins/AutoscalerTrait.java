package io.kubemin.examples.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.kubemin.error.ValidationError;
import io.kubemin.model.Component;
import io.kubemin.spi.JobKind;
import io.kubemin.trait.ContainerRole;
import io.kubemin.trait.TraitContext;
import io.kubemin.trait.TraitProcessor;
import io.kubemin.validation.ValidationCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Trait {@code autoscaler}: an autoscaling/v2 HorizontalPodAutoscaler named {@code
 * hpa-<component>-<appId>} that scales the component's Deployment or StatefulSet between {@code
 * min} (default 1) and {@code max} replicas on CPU utilization ({@code cpu_percent}, default 80).
 *
 * <pre>{@code
 * traits:
 *   autoscaler: {min: 2, max: 10, cpu_percent: 70}
 * }</pre>
 */
public final class AutoscalerTrait implements TraitProcessor {
  /** The trait key. */
  public static final String NAME = "autoscaler";

  /** Replicas when {@code min} is not given. */
  public static final int DEFAULT_MIN = 1;

  /** Target CPU utilization when {@code cpu_percent} is not given. */
  public static final int DEFAULT_CPU_PERCENT = 80;

  private static final Set<String> TYPES = Set.of("webservice", "store");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<ValidationError> validate(Component component, JsonNode spec, String path) {
    List<ValidationError> errors = new ArrayList<>();
    if (!TYPES.contains(component.type())) {
      errors.add(invalid(path, "applies to webservice and store components only"));
    }
    if (!spec.isObject()) {
      errors.add(invalid(path, "must be an object such as {min: 2, max: 10, cpu_percent: 70}"));
      return errors;
    }
    Integer min = whole(spec, "min", DEFAULT_MIN, 1, path, errors);
    Integer max = whole(spec, "max", null, 1, path, errors);
    whole(spec, "cpu_percent", DEFAULT_CPU_PERCENT, 1, path, errors);
    if (!spec.has("max")) {
      errors.add(
          new ValidationError(
              path + ".max",
              ValidationCodes.MISSING_REQUIRED_FIELD,
              "max is required: the most replicas to scale to"));
    }
    if (min != null && max != null && min > max) {
      errors.add(invalid(path + ".min", "min (" + min + ") must not exceed max (" + max + ")"));
    }
    return errors;
  }

  @Override
  public void apply(TraitContext context, JsonNode spec) {
    if (context.containerRole() != ContainerRole.MAIN) {
      throw context.error(NAME, "scales the whole component: use it on the component's traits");
    }
    int min = spec.path("min").asInt(DEFAULT_MIN);
    int max = spec.path("max").asInt(0);
    if (max < 1 || min < 1 || min > max) {
      throw context.error(NAME, "needs 1 <= min <= max (got min " + min + ", max " + max + ")");
    }
    HasMetadata workload = context.workload();
    HorizontalPodAutoscaler autoscaler =
        new HorizontalPodAutoscalerBuilder()
            .withNewMetadata()
            .withName("hpa-" + context.component().name() + "-" + context.appId())
            .withLabels(context.labels())
            .endMetadata()
            .withNewSpec()
            .withMinReplicas(min)
            .withMaxReplicas(max)
            .withNewScaleTargetRef()
            .withApiVersion(workload.getApiVersion())
            .withKind(workload.getKind())
            .withName(workload.getMetadata().getName())
            .endScaleTargetRef()
            .addNewMetric()
            .withType("Resource")
            .withNewResource()
            .withName("cpu")
            .withNewTarget()
            .withType("Utilization")
            .withAverageUtilization(spec.path("cpu_percent").asInt(DEFAULT_CPU_PERCENT))
            .endTarget()
            .endResource()
            .endMetric()
            .endSpec()
            .build();
    context.addObject(JobKind.of(autoscaler), autoscaler);
  }

  private static Integer whole(
      JsonNode spec,
      String field,
      Integer fallback,
      int least,
      String path,
      List<ValidationError> errors) {
    JsonNode value = spec.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < least) {
      errors.add(invalid(path + "." + field, field + " must be a whole number >= " + least));
      return null;
    }
    if (field.equals("cpu_percent") && value.asInt() > 100) {
      errors.add(invalid(path + "." + field, "cpu_percent must be 1..100"));
    }
    return value.asInt();
  }

  private static ValidationError invalid(String field, String message) {
    return new ValidationError(field, ValidationCodes.INVALID_TRAIT_CONFIG, message);
  }
}
