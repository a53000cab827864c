package io.kubemin.examples.rest;

import static io.kubemin.examples.rest.BadRequestException.APPLICATION_CONFIG;
import static io.kubemin.examples.rest.BadRequestException.WORKFLOW_CONFIG;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemin.ApplicationNotFoundException;
import io.kubemin.DryRunResult;
import io.kubemin.KubeMin;
import io.kubemin.error.ValidationError;
import io.kubemin.model.Application;
import io.kubemin.model.Parsed;
import io.kubemin.model.Step;
import io.kubemin.model.WorkflowRequest;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.validation.ValidationCodes;
import io.kubemin.validation.ValidationResult;
import io.kubemin.validation.Validator;
import java.util.ArrayList;
import java.util.List;

/**
 * The dry runs: {@code POST /applications/try} (a whole application, or with {@code app_id} only
 * its steps against a stored application) and {@code POST /applications/:appID/workflow/try}. They
 * answer 200 with {@code {"valid", "errors", "warnings"}}, the lists left out when empty.
 */
final class DryRunRoutes {
  private static final String APP_ID = "app_id";

  private final KubeMin kubemin;

  DryRunRoutes(KubeMin kubemin) {
    this.kubemin = kubemin;
  }

  /**
   * The answer of a dry run.
   *
   * @param valid whether there is no error
   * @param errors the errors, absent when none
   * @param warnings unknown fields and the like, absent when none
   */
  record TryResult(boolean valid, List<ValidationError> errors, List<ValidationError> warnings) {
    static TryResult of(List<ValidationError> errors, List<ValidationError> warnings) {
      return new TryResult(
          errors.isEmpty(),
          ApplicationJson.nullIfEmpty(errors),
          ApplicationJson.nullIfEmpty(warnings));
    }
  }

  void register(Router router, String prefix) {
    router
        .post(prefix + "/applications/try", this::tryApplication)
        .post(prefix + "/applications/:appID/workflow/try", this::tryWorkflow);
  }

  private RestResponse tryApplication(RestRequest request) {
    JsonNode tree = request.tree(APPLICATION_CONFIG);
    String appId = tree.path(APP_ID).asText(tree.path("appId").asText(""));
    if (!appId.isBlank()) {
      WorkflowRequest body = request.read(WorkflowRequest.class, APPLICATION_CONFIG);
      return answer(steps(appId, body.workflow()));
    }
    Parsed<Application> parsed = request.parse(Application.class, APPLICATION_CONFIG);
    Application app = parsed.value();
    DryRunResult result = kubemin.dryRun(SecretMask.restored(app, stored(app.id()), false));
    List<ValidationError> errors = new ArrayList<>(result.validation().errors());
    if (result.renderError() != null) {
      errors.add(
          new ValidationError(
              "component", ValidationCodes.INVALID_TRAIT_CONFIG, result.renderError()));
    }
    List<ValidationError> warnings = new ArrayList<>(result.validation().warnings());
    Validator.unknownFields(parsed).stream()
        .filter(warning -> !warning.field().equals(APP_ID) && !warning.field().equals("appId"))
        .forEach(warnings::add);
    return answer(new ValidationResult(errors, warnings));
  }

  /** The stored components of the application a try names, if it exists. */
  private List<ComponentRecord> stored(String appId) {
    if (appId == null || appId.isBlank()) {
      return List.of();
    }
    try {
      return kubemin.components(appId);
    } catch (ApplicationNotFoundException e) {
      return List.of();
    }
  }

  private RestResponse tryWorkflow(RestRequest request) {
    Parsed<WorkflowRequest> parsed = request.parse(WorkflowRequest.class, WORKFLOW_CONFIG);
    ValidationResult result = steps(request.param("appID"), parsed.value().workflow());
    return answer(result.withWarnings(Validator.unknownFields(parsed)));
  }

  /** The steps, normalised as the upstream does, against the stored application's components. */
  private ValidationResult steps(String appId, List<Step> steps) {
    List<String> names = kubemin.components(appId).stream().map(ComponentRecord::name).toList();
    return Validator.standard().validateWorkflow(StepNames.normalized(steps), names);
  }

  private static RestResponse answer(ValidationResult result) {
    return RestResponse.ok(TryResult.of(result.errors(), result.warnings()));
  }
}
