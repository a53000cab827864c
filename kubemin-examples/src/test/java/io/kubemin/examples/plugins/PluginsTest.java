package io.kubemin.examples.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.kubemin.error.ValidationError;
import io.kubemin.model.Application;
import io.kubemin.model.ModelCodec;
import io.kubemin.render.RenderedApplication;
import io.kubemin.render.Renderer;
import io.kubemin.spi.RenderedObject;
import io.kubemin.validation.ValidationCodes;
import io.kubemin.validation.ValidationResult;
import io.kubemin.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The {@code cronjob} component type and the {@code autoscaler} trait, found on the class path. */
class PluginsTest {
  private static final Renderer RENDERER = Renderer.builder().build();

  static Application nightly() throws IOException {
    try (InputStream in = PluginsTest.class.getResourceAsStream("/plugins/nightly.yaml")) {
      return ModelCodec.yaml()
          .readApplication(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .value();
    }
  }

  private static ValidationResult validate(String yaml) {
    return Validator.forRenderer(RENDERER)
        .validate(ModelCodec.yaml().readApplication(yaml).value());
  }

  @Test
  void bothPluginsAreDiscovered() {
    assertThat(RENDERER.customComponentTypes()).containsKey("cronjob");
    assertThat(RENDERER.customTraitNames()).contains("autoscaler");
  }

  @Test
  void aCronjobComponentRendersACronJobWithItsTraits() throws IOException {
    RenderedApplication rendered = RENDERER.render(nightly(), "app1");

    RenderedObject object =
        rendered.objects().stream()
            .filter(o -> o.componentName().equals("report"))
            .findFirst()
            .orElseThrow();
    CronJob cronJob = (CronJob) object.object();
    assertThat(object.kind().name()).isEqualTo("batch/v1/CronJob");
    assertThat(cronJob.getMetadata().getName()).isEqualTo("cron-report-app1");
    assertThat(cronJob.getMetadata().getNamespace()).isEqualTo("reports");
    assertThat(cronJob.getSpec().getSchedule()).isEqualTo("30 2 * * *");
    PodSpec pod = cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    assertThat(pod.getRestartPolicy()).isEqualTo("OnFailure");
    Container main = pod.getContainers().get(0);
    assertThat(main.getImage()).isEqualTo("reports:1.4");
    assertThat(main.getCommand()).containsExactly("/bin/report", "--daily");
    assertThat(main.getEnv()).anyMatch(e -> e.getName().equals("MODE"));
    assertThat(main.getResources().getLimits().get("cpu").toString()).isEqualTo("500m");
  }

  @Test
  void theAutoscalerTargetsTheComponentsWorkload() throws IOException {
    RenderedApplication rendered = RENDERER.render(nightly(), "app1");

    HorizontalPodAutoscaler hpa =
        rendered.objects().stream()
            .map(RenderedObject::object)
            .filter(HorizontalPodAutoscaler.class::isInstance)
            .map(HorizontalPodAutoscaler.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(hpa.getMetadata().getName()).isEqualTo("hpa-web-app1");
    assertThat(hpa.getApiVersion()).isEqualTo("autoscaling/v2");
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(10);
    assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("deploy-web-app1");
    assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization())
        .isEqualTo(70);
  }

  @Test
  void theScheduleIsRequiredAndMustBeStandardCron() {
    String app =
        """
        name: nightly
        component:
          - {name: aa, type: cronjob, image: x}
          - {name: bb, type: cronjob, image: x, properties: {schedule: "61 * * * *"}}
          - {name: cc, type: cronjob, image: x, properties: {schedule: "* * * *"}}
          - {name: dd, type: cronjob, image: x, properties: {schedule: "*/15 9-17 * JAN-MAR MON-FRI"}}
          - {name: ee, type: cronjob, properties: {schedule: "@daily"}}
        """;

    ValidationResult result = validate(app);

    assertThat(result.errors())
        .extracting(ValidationError::field, ValidationError::code)
        .containsExactly(
            tuple("component[0].properties.schedule", ValidationCodes.MISSING_REQUIRED_FIELD),
            tuple("component[1].properties.schedule", ValidationCodes.INVALID_COMPONENT_CONFIG),
            tuple("component[2].properties.schedule", ValidationCodes.INVALID_COMPONENT_CONFIG),
            tuple("component[4].image", ValidationCodes.MISSING_IMAGE));
    assertThat(result.errors().get(1).message()).contains("minute field '61'").contains("0..59");
    assertThat(result.errors().get(2).message()).contains("must have 5 fields");
  }

  @Test
  void theAutoscalerChecksMinMaxAndItsComponentType() {
    String app =
        """
        name: scaled
        component:
          - {name: web, type: webservice, image: x, traits: {autoscaler: {min: 5, max: 2}}}
          - {name: db, type: store, image: x, traits: {autoscaler: {max: 3, cpu_percent: 150}}}
          - {name: job, type: cronjob, image: x, properties: {schedule: "@hourly"},
             traits: {autoscaler: {max: 3}}}
          - {name: api, type: webservice, image: x, traits: {autoscaler: {min: 1}}}
        """;

    ValidationResult result = validate(app);

    assertThat(result.errors())
        .extracting(ValidationError::field, ValidationError::code)
        .containsExactly(
            tuple("component[0].traits.autoscaler.min", ValidationCodes.INVALID_TRAIT_CONFIG),
            tuple(
                "component[1].traits.autoscaler.cpu_percent", ValidationCodes.INVALID_TRAIT_CONFIG),
            tuple("component[2].traits.autoscaler", ValidationCodes.INVALID_TRAIT_CONFIG),
            tuple("component[3].traits.autoscaler.max", ValidationCodes.MISSING_REQUIRED_FIELD));
    assertThat(result.errors().get(0).message()).isEqualTo("min (5) must not exceed max (2)");
  }
}
