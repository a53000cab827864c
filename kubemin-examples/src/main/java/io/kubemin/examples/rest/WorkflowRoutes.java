package io.kubemin.examples.rest;

import static io.kubemin.examples.rest.BadRequestException.WORKFLOW_CONFIG;

import io.kubemin.ApplicationInfo;
import io.kubemin.ExecOptions;
import io.kubemin.KubeMin;
import io.kubemin.TaskNotFoundException;
import io.kubemin.model.Step;
import io.kubemin.model.WorkflowRequest;
import io.kubemin.spi.WorkflowRecord;
import io.kubemin.validation.ValidationException;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatusView;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Workflows and tasks: list and write workflows, exec, cancel, resume, task status, list tasks, and
 * the upstream's unimplemented custom-workflow routes (501).
 */
final class WorkflowRoutes {
  /** How long a cancel waits for a running task to stop before it answers. */
  static final Duration CANCEL_WAIT = Duration.ofSeconds(2);

  private final KubeMin kubemin;

  WorkflowRoutes(KubeMin kubemin) {
    this.kubemin = kubemin;
  }

  /**
   * The body of {@code POST .../workflow/exec}.
   *
   * @param workflowId the workflow to run; absent: the default one
   * @param queueBehind wait behind an active task instead of answering 409
   */
  record ExecBody(String workflowId, Boolean queueBehind) {}

  /**
   * The body of {@code POST .../workflow/cancel}.
   *
   * @param taskId the task (required)
   * @param user who cancels (default {@code system})
   * @param reason why (default {@code cancelled by <user>})
   */
  record CancelBody(String taskId, String user, String reason) {}

  /**
   * The body of {@code POST /workflow/tasks/:taskID/resume} (optional) and of {@code POST
   * .../workflow/resume}.
   *
   * @param taskId the task (required on the application's route; the task route names it)
   * @param user who resumes (default {@code system})
   */
  record ResumeBody(String taskId, String user) {}

  /** The answer of a resume: the task as written ({@code waiting}, the next attempt). */
  record ResumeAnswer(String taskId, String status, int attempt) {}

  /** The answer of an exec. */
  record ExecAnswer(String taskId) {}

  /** The answer of a cancel: the task's status after it (an ended task keeps its own). */
  record CancelAnswer(String taskId, String status) {}

  /** The answer of a workflow write. */
  record WorkflowAnswer(String workflowId) {}

  void register(Router router, String prefix) {
    String app = prefix + "/applications/:appID";
    router
        .get(app + "/workflows", this::workflows)
        .put(app + "/workflow", this::putWorkflow)
        .post(app + "/workflow/exec", this::exec)
        .post(app + "/workflow/cancel", this::cancel)
        .post(app + "/workflow/resume", this::resumeOfApplication)
        .get(app + "/tasks", this::tasks)
        .get(app + "/workflow/tasks", this::tasks)
        .get(prefix + "/workflow/tasks/:taskID/status", this::taskStatus)
        .get(prefix + "/workflow/tasks/:taskID/stages", this::stages)
        .post(prefix + "/workflow/tasks/:taskID/resume", this::resume)
        .post(prefix + "/workflow", request -> notImplemented("execution"))
        .post(prefix + "/workflow/exec", request -> notImplemented("execution"))
        .post(prefix + "/workflow/cancel", request -> notImplemented("cancellation"));
  }

  private RestResponse workflows(RestRequest request) {
    String appId = request.param("appID");
    ApplicationInfo app = kubemin.application(appId);
    return RestResponse.ok(
        Paging.listing(
            "workflows",
            kubemin.workflows(appId).stream().map(w -> WorkflowJson.workflow(w, app)).toList(),
            Paging.page(request)));
  }

  private RestResponse putWorkflow(RestRequest request) {
    WorkflowRequest body = request.read(WorkflowRequest.class, WORKFLOW_CONFIG);
    WorkflowRequest normalized =
        new WorkflowRequest(
            body.workflowId(), body.name(), body.alias(), StepNames.normalized(body.workflow()));
    try {
      String workflowId = kubemin.putWorkflow(request.param("appID"), normalized);
      return RestResponse.ok(new WorkflowAnswer(workflowId));
    } catch (ValidationException e) {
      // The upstream answers invalid steps on this route with its workflow code.
      throw new BadRequestException(WORKFLOW_CONFIG, e.getMessage(), e.errors());
    }
  }

  private RestResponse exec(RestRequest request) {
    ExecBody body =
        request.hasBody()
            ? request.read(ExecBody.class, WORKFLOW_CONFIG)
            : new ExecBody(null, null);
    ExecOptions options =
        new ExecOptions(blankToNull(body.workflowId()), Boolean.TRUE.equals(body.queueBehind()));
    String taskId = kubemin.exec(request.param("appID"), options);
    return RestResponse.ok(new ExecAnswer(taskId));
  }

  private RestResponse cancel(RestRequest request) throws InterruptedException {
    CancelBody body = request.read(CancelBody.class, WORKFLOW_CONFIG);
    if (blankToNull(body.taskId()) == null) {
      throw new BadRequestException(WORKFLOW_CONFIG, "taskId (task_id) is required");
    }
    Task task =
        kubemin.cancel(
            request.param("appID"),
            body.taskId(),
            blankToNull(body.user()),
            blankToNull(body.reason()));
    if (!task.status().terminal()) {
      task = kubemin.awaitTask(task.id(), CANCEL_WAIT);
    }
    return RestResponse.ok(new CancelAnswer(task.id(), task.status().jsonName()));
  }

  private RestResponse resume(RestRequest request) {
    ResumeBody body =
        request.hasBody()
            ? request.read(ResumeBody.class, WORKFLOW_CONFIG)
            : new ResumeBody(null, null);
    return resumed(kubemin.resume(request.param("taskID"), blankToNull(body.user())));
  }

  private RestResponse resumeOfApplication(RestRequest request) {
    ResumeBody body = request.read(ResumeBody.class, WORKFLOW_CONFIG);
    if (blankToNull(body.taskId()) == null) {
      throw new BadRequestException(WORKFLOW_CONFIG, "taskId (task_id) is required");
    }
    String appId = request.param("appID");
    if (!kubemin.task(body.taskId()).appId().equals(appId)) {
      throw new TaskNotFoundException(
          body.taskId(), "does not belong to application '" + appId + "'");
    }
    return resumed(kubemin.resume(body.taskId(), blankToNull(body.user())));
  }

  private static RestResponse resumed(Task task) {
    return RestResponse.ok(new ResumeAnswer(task.id(), task.status().jsonName(), task.attempt()));
  }

  private RestResponse tasks(RestRequest request) {
    return RestResponse.ok(
        Paging.listing(
            "tasks",
            kubemin.tasks(request.param("appID")).stream().map(WorkflowJson::task).toList(),
            Paging.page(request)));
  }

  private RestResponse stages(RestRequest request) {
    String taskId = request.param("taskID");
    TaskStatusView task = kubemin.taskStatus(taskId);
    List<Step> steps =
        kubemin.workflows(task.appId()).stream()
            .filter(w -> w.id().equals(task.workflowId()))
            .findFirst()
            .map(WorkflowRecord::steps)
            .orElse(List.of());
    return RestResponse.ok(
        TaskStages.of(task, steps, kubemin.jobs(taskId), kubemin.suspensions(taskId)));
  }

  private RestResponse taskStatus(RestRequest request) {
    return RestResponse.ok(WorkflowJson.taskStatus(kubemin.taskStatus(request.param("taskID"))));
  }

  private static RestResponse notImplemented(String what) {
    return new RestResponse(
        501, Map.of("message", "custom workflow " + what + " API not implemented yet"));
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
