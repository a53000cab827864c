package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.secret;
import static io.kubemin.TestApps.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemin.error.ValidationError;
import io.kubemin.model.Application;
import io.kubemin.model.ComponentChange;
import io.kubemin.model.Properties;
import io.kubemin.model.VersionUpdate;
import io.kubemin.model.WorkflowRequest;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.validation.ValidationCodes;
import io.kubemin.validation.ValidationException;
import io.kubemin.validation.Validator;
import io.kubemin.workflow.TaskStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every stored text is bounded by validation; a version update applies a changed secret. */
class InputBoundsTest {
  private final RecordingJobExecutor executor = new RecordingJobExecutor();
  private final KubeMin kubemin = KubeMin.builder().jobExecutor(executor).build();

  @BeforeEach
  void start() {
    kubemin.start();
  }

  @AfterEach
  void close() {
    kubemin.close();
  }

  @Test
  void overlongApplicationTextsAreValidationErrorsNamingTheirFields() {
    Application app =
        app("myapp", List.of(web("backend"))).toBuilder()
            .alias("a".repeat(256))
            .version("1".repeat(256))
            .project("p".repeat(256))
            .description("d".repeat(16_384))
            .icon("i".repeat(16_384))
            .build();

    List<ValidationError> errors = Validator.standard().validate(app).errors();

    assertThat(errors)
        .extracting(ValidationError::field)
        .containsExactlyInAnyOrder("alias", "version", "project", "description", "icon");
    assertThat(errors).allMatch(e -> e.code().equals(ValidationCodes.NAME_TOO_LONG));
    assertThat(errors.get(0).message()).contains("at most");
    assertThatThrownBy(() -> kubemin.createApplication(app))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void textsAtTheirBoundsPass() {
    Application app =
        app("myapp", List.of(web("backend"))).toBuilder()
            .alias("a".repeat(255))
            .version("1".repeat(255))
            .description("d".repeat(16_383))
            .build();

    assertThat(Validator.standard().validate(app).valid()).isTrue();
  }

  @Test
  void overlongVersionInAnUpdateIsRefusedBeforeAnythingIsWritten() {
    String appId = kubemin.createApplication(app("myapp", List.of(web("backend")))).id();

    assertThatThrownBy(
            () ->
                kubemin.updateVersion(
                    appId, new VersionUpdate("v".repeat(300), null, List.of(), false, null)))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.errors())
                    .extracting(ValidationError::field, ValidationError::code)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                            "version", ValidationCodes.NAME_TOO_LONG)));
    assertThat(kubemin.application(appId).version()).isEqualTo("1.0.0");
  }

  @Test
  void overlongWorkflowNameAndCancelTextsAreRefused() {
    String appId = kubemin.createApplication(app("myapp", List.of(web("backend")))).id();

    assertThatThrownBy(
            () ->
                kubemin.putWorkflow(
                    appId,
                    new WorkflowRequest(
                        null, "w".repeat(256), null, kubemin.workflows(appId).get(0).steps())))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("name must have at most 255 characters");
    String taskId = kubemin.exec(appId);
    assertThatThrownBy(() -> kubemin.cancel(appId, taskId, "u".repeat(256), null))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("user must have at most 255");
    awaitEnd(kubemin, taskId);
  }

  @Test
  void anInstanceIdLongerThanTheStoreHoldsIsRefused() {
    assertThatThrownBy(() -> KubeMin.builder().instanceId("i".repeat(256)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("instanceId: must have at most 255 characters, has 256");
  }

  @Test
  void versionUpdateAppliesAChangedSecret() {
    String appId = kubemin.createApplication(app("myapp", List.of(secret("creds")))).id();
    awaitEnd(kubemin, kubemin.exec(appId));
    Properties newSecret = Properties.builder().secret(Map.of("password", "rotated")).build();

    VersionUpdateResult result =
        kubemin.updateVersion(
            appId,
            new VersionUpdate(
                "1.0.1",
                null,
                List.of(
                    new ComponentChange(
                        "update", "creds", null, null, null, null, newSecret, null)),
                true,
                null));

    assertThat(result.updatedComponents()).containsExactly("creds");
    assertThat(kubemin.components(appId).get(0).spec().properties().secret())
        .containsEntry("password", "rotated");
    assertThat(awaitEnd(kubemin, result.taskId()).status()).isEqualTo(TaskStatus.COMPLETED);
  }
}
