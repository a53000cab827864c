package io.kubemin.examples.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.kubemin.error.ValidationError;
import io.kubemin.model.Component;
import io.kubemin.render.ComponentRenderContext;
import io.kubemin.render.ComponentTypeRenderer;
import io.kubemin.spi.JobKind;
import io.kubemin.validation.ValidationCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Component type {@code cronjob}: a batch/v1 CronJob named {@code cron-<component>-<appId>} that
 * runs {@code image} on {@code properties.schedule} (standard five-field cron, required), with
 * {@code properties.command} (list of strings) and the usual traits (env, resources, storage, ...)
 * on its pod.
 *
 * <pre>{@code
 * - name: report
 *   type: cronjob
 *   image: reports:1.4
 *   properties:
 *     schedule: "30 2 * * *"
 *     command: ["/bin/report", "--daily"]
 *   traits:
 *     resources: {cpu: 500m, memory: 256Mi}
 * }</pre>
 */
public final class CronJobType implements ComponentTypeRenderer {
  /** The type name. */
  public static final String TYPE = "cronjob";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public List<ValidationError> validate(Component component, String path) {
    List<ValidationError> errors = new ArrayList<>();
    if (component.image() == null || component.image().isBlank()) {
      errors.add(
          new ValidationError(
              path + ".image",
              ValidationCodes.MISSING_IMAGE,
              "image is required for cronjob components"));
    }
    JsonNode schedule = component.properties().extra().get("schedule");
    Optional<String> problem =
        schedule != null && !schedule.isTextual()
            ? Optional.of("must be a string such as \"*/5 * * * *\"")
            : CronSchedule.problem(schedule == null ? null : schedule.asText());
    problem.ifPresent(
        p ->
            errors.add(
                new ValidationError(
                    path + ".properties.schedule",
                    schedule == null
                        ? ValidationCodes.MISSING_REQUIRED_FIELD
                        : ValidationCodes.INVALID_COMPONENT_CONFIG,
                    "schedule " + p)));
    return errors;
  }

  @Override
  public void render(ComponentRenderContext context) {
    JsonNode schedule = context.component().properties().extra().get("schedule");
    Optional<String> problem = CronSchedule.problem(schedule == null ? null : schedule.asText());
    if (problem.isPresent()) {
      throw context.error("properties.schedule", "schedule " + problem.get());
    }
    PodTemplateSpec template = context.podTemplate();
    template.getSpec().setRestartPolicy("OnFailure");
    CronJob cronJob =
        new CronJobBuilder()
            .withNewMetadata()
            .withName("cron-" + context.component().name() + "-" + context.appId())
            .withNamespace(context.namespace())
            .withLabels(context.labels())
            .endMetadata()
            .withNewSpec()
            .withSchedule(schedule.asText().trim())
            .withConcurrencyPolicy("Forbid")
            .withNewJobTemplate()
            .withNewMetadata()
            .withLabels(context.labels())
            .endMetadata()
            .withNewSpec()
            .withTemplate(template)
            .endSpec()
            .endJobTemplate()
            .endSpec()
            .build();
    // Builders copy what they are given: the traits must shape the template inside the CronJob.
    PodTemplateSpec embedded = cronJob.getSpec().getJobTemplate().getSpec().getTemplate();
    context.addWorkload(JobKind.of(cronJob), cronJob, embedded);
  }
}
