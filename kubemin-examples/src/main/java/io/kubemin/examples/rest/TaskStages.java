package io.kubemin.examples.rest;

import io.kubemin.model.Step;
import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.JobStatus;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.TaskStatusView;
import io.kubemin.workflow.TaskSuspension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The stages of a task ({@code GET /workflow/tasks/:taskID/stages}): one stage per workflow step
 * (sub-steps after their step), then one per job of the current attempt, numbered from 1, times in
 * unix seconds (0 when not yet). A step done before a resumed suspend step shows the jobs of the
 * attempt that ran it; a suspend step shows its gate: {@code suspended} while the task waits there,
 * {@code completed} once resumed (with who resumed it), else the task's end or {@code waiting}.
 */
final class TaskStages {
  private TaskStages() {}

  /** The answer: the task, then its stages. */
  record StagesBody(
      String taskId,
      String status,
      String workflowId,
      String workflowName,
      String appId,
      String type,
      List<Stage> stages) {}

  /**
   * One stage.
   *
   * @param id its number, from 1
   * @param name the step or job name
   * @param type {@code step}, or the job's upstream type ({@code deploy}, {@code service_deploy},
   *     ...)
   * @param status {@code waiting}, {@code running}, {@code completed}, {@code failed}, ...
   * @param startTime unix seconds, 0 when not started
   * @param endTime unix seconds, 0 when not ended
   * @param info what it is about (components, step of a job)
   * @param error why it failed, else absent
   */
  record Stage(
      long id,
      String name,
      String type,
      String status,
      long startTime,
      long endTime,
      String info,
      String error) {}

  static StagesBody of(
      TaskStatusView task,
      List<Step> steps,
      List<JobRecord> allJobs,
      List<TaskSuspension> suspensions) {
    java.util.Set<String> passed = new java.util.HashSet<>();
    suspensions.stream().filter(TaskSuspension::resumed).forEach(s -> passed.addAll(s.stepsDone()));
    List<JobRecord> jobs =
        allJobs.stream()
            .filter(j -> j.attempt() == task.attempt() || ranLast(j, passed, allJobs))
            .toList();
    List<Stage> stages = new ArrayList<>();
    for (Step step : flattened(steps)) {
      if (step.suspends()) {
        stages.add(gate(stages.size() + 1L, step, task, suspensions));
        continue;
      }
      List<JobRecord> ofStep =
          jobs.stream().filter(j -> Objects.equals(j.stepName(), step.name())).toList();
      stages.add(
          new Stage(
              stages.size() + 1L,
              step.name(),
              "step",
              stepStatus(ofStep, task.status().terminal()),
              seconds(
                  ofStep.stream()
                      .map(JobRecord::startedAt)
                      .filter(Objects::nonNull)
                      .min(Instant::compareTo)
                      .orElse(null)),
              ofStep.isEmpty() || ofStep.stream().anyMatch(j -> j.finishedAt() == null)
                  ? 0
                  : seconds(
                      ofStep.stream()
                          .map(JobRecord::finishedAt)
                          .max(Instant::compareTo)
                          .orElse(null)),
              "components: " + String.join(", ", step.componentNames()),
              ofStep.stream()
                  .map(JobRecord::error)
                  .filter(Objects::nonNull)
                  .findFirst()
                  .orElse(null)));
    }
    for (JobRecord job : jobs) {
      stages.add(
          new Stage(
              stages.size() + 1L,
              job.name(),
              job.kind().upstreamType(),
              job.status().jsonName(),
              seconds(job.startedAt()),
              seconds(job.finishedAt()),
              job.kind().kubernetesKind()
                  + " of component "
                  + job.componentName()
                  + " in step "
                  + job.stepName(),
              job.error()));
    }
    return new StagesBody(
        task.taskId(),
        task.status().jsonName(),
        task.workflowId(),
        ApplicationJson.text(task.workflowName()),
        task.appId(),
        task.type(),
        stages);
  }

  /** Whether the job is of a step passed before a resume, from the last attempt that ran it. */
  private static boolean ranLast(JobRecord job, java.util.Set<String> passed, List<JobRecord> all) {
    if (!passed.contains(job.stepName())) {
      return false;
    }
    int last =
        all.stream()
            .filter(j -> Objects.equals(j.stepName(), job.stepName()))
            .mapToInt(JobRecord::attempt)
            .max()
            .orElse(job.attempt());
    return job.attempt() == last;
  }

  private static Stage gate(
      long id, Step step, TaskStatusView task, List<TaskSuspension> suspensions) {
    TaskSuspension suspension =
        suspensions.stream().filter(s -> s.step().equals(step.name())).findFirst().orElse(null);
    String message = step.message() == null ? "" : ": " + step.message();
    if (suspension == null) {
      String status = task.status().terminal() ? "skipped" : "waiting";
      return new Stage(id, step.name(), "suspend", status, 0, 0, "approval" + message, null);
    }
    String status;
    String info = "approval" + message;
    long end = 0;
    if (suspension.resumed()) {
      status = JobStatus.COMPLETED.jsonName();
      info += "; resumed by " + suspension.resumedBy();
      end = seconds(suspension.resumedAt());
    } else if (task.status() == TaskStatus.SUSPENDED) {
      status = TaskStatus.SUSPENDED.jsonName();
      info += suspension.deadline() == null ? "" : "; times out at " + suspension.deadline();
    } else {
      status = task.status().jsonName();
      end = seconds(task.finishedAt());
    }
    return new Stage(
        id,
        step.name(),
        "suspend",
        status,
        seconds(suspension.suspendedAt()),
        end,
        info,
        status.equals(task.status().jsonName()) && task.status().terminal() ? task.error() : null);
  }

  private static List<Step> flattened(List<Step> steps) {
    List<Step> all = new ArrayList<>();
    for (Step step : steps) {
      all.add(step);
      all.addAll(flattened(step.subSteps()));
    }
    return all;
  }

  private static String stepStatus(List<JobRecord> jobs, boolean taskEnded) {
    if (jobs.isEmpty()) {
      return taskEnded ? "skipped" : "waiting";
    }
    for (JobStatus bad : List.of(JobStatus.FAILED, JobStatus.TIMEOUT, JobStatus.CANCELLED)) {
      if (jobs.stream().anyMatch(j -> j.status() == bad)) {
        return bad.jsonName();
      }
    }
    if (jobs.stream().anyMatch(j -> j.status() == JobStatus.RUNNING)) {
      return JobStatus.RUNNING.jsonName();
    }
    if (jobs.stream().allMatch(j -> j.status() == JobStatus.SKIPPED)) {
      return JobStatus.SKIPPED.jsonName();
    }
    return JobStatus.COMPLETED.jsonName();
  }

  private static long seconds(Instant instant) {
    return instant == null ? 0 : instant.getEpochSecond();
  }
}
