package io.kubemin.examples.rest;

import static io.kubemin.examples.rest.ApplicationJson.nullIfEmpty;
import static io.kubemin.examples.rest.ApplicationJson.text;
import static io.kubemin.examples.rest.ApplicationJson.time;

import io.kubemin.ApplicationInfo;
import io.kubemin.model.RetrySpec;
import io.kubemin.model.Step;
import io.kubemin.spi.WorkflowRecord;
import io.kubemin.workflow.ComponentTaskStatus;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatusView;
import java.time.Instant;
import java.util.List;

/** The response bodies about workflows and tasks, in the upstream's snake_case shapes. */
final class WorkflowJson {
  private WorkflowJson() {}

  /** The upstream's {@code ApplicationWorkflow}. */
  record WorkflowView(
      String id,
      String name,
      String alias,
      String namespace,
      String projectId,
      String description,
      String status,
      boolean disabled,
      List<StepView> steps,
      String createTime,
      String updateTime,
      String workflowType) {}

  /**
   * A step: the upstream's fields, then KubeMin's {@code depends_on}, timeout, retries, and the
   * type and message of a {@code suspend} step (absent for a deploy step that gives no type).
   */
  record StepView(
      String name,
      String workflowType,
      String mode,
      List<String> components,
      List<StepView> subSteps,
      List<String> dependsOn,
      String timeout,
      RetrySpec retries,
      String type,
      String message) {}

  /** The upstream's {@code TaskStatusResponse}, plus attempt, error and times of the task. */
  record TaskStatusBody(
      String taskId,
      String status,
      String workflowId,
      String workflowName,
      String appId,
      String type,
      int attempt,
      String error,
      String createTime,
      String startTime,
      String endTime,
      List<ComponentProgress> components) {}

  /** One component of a task; times in unix seconds (0 when not yet), as the upstream. */
  record ComponentProgress(
      String name, String type, String status, String error, long startTime, long endTime) {}

  /** A task in the list of an application's tasks. */
  record TaskView(
      String taskId,
      String appId,
      String workflowId,
      String workflowName,
      String status,
      int attempt,
      String error,
      String taskRevoker,
      String createTime,
      String updateTime,
      String startTime,
      String endTime) {}

  static WorkflowView workflow(WorkflowRecord workflow, ApplicationInfo app) {
    return new WorkflowView(
        workflow.id(),
        workflow.name(),
        text(workflow.alias()),
        app.namespace(),
        text(app.project()),
        text(app.description()),
        "created",
        false,
        workflow.steps().stream().map(WorkflowJson::step).toList(),
        time(workflow.createdAt()),
        time(workflow.updatedAt()),
        "workflow");
  }

  private static StepView step(Step step) {
    return new StepView(
        step.name(),
        step.jobType() == null ? "deploy" : step.jobType(),
        step.stepMode().jsonName(),
        step.componentNames(),
        step.subSteps().stream().map(WorkflowJson::step).toList(),
        nullIfEmpty(step.dependsOn()),
        step.timeout(),
        step.retries(),
        step.type(),
        step.message());
  }

  static TaskStatusBody taskStatus(TaskStatusView view) {
    return new TaskStatusBody(
        view.taskId(),
        view.status().jsonName(),
        view.workflowId(),
        text(view.workflowName()),
        view.appId(),
        view.type(),
        view.attempt(),
        view.error(),
        time(view.createdAt()),
        time(view.startedAt()),
        time(view.finishedAt()),
        view.components().stream().map(WorkflowJson::progress).toList());
  }

  private static ComponentProgress progress(ComponentTaskStatus component) {
    return new ComponentProgress(
        component.name(),
        text(component.type()),
        component.status(),
        text(component.error()),
        seconds(component.startTime()),
        seconds(component.endTime()));
  }

  static TaskView task(Task task) {
    return new TaskView(
        task.id(),
        task.appId(),
        task.workflowId(),
        text(task.workflowName()),
        task.status().jsonName(),
        task.attempt(),
        task.error(),
        task.cancelledBy(),
        time(task.createdAt()),
        time(task.updatedAt()),
        time(task.startedAt()),
        time(task.finishedAt()));
  }

  private static long seconds(Instant instant) {
    return instant == null ? 0 : instant.getEpochSecond();
  }
}
