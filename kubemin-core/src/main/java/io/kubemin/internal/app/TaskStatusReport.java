package io.kubemin.internal.app;

import io.kubemin.TaskNotFoundException;
import io.kubemin.model.ComponentType;
import io.kubemin.model.Step;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.WorkflowRecord;
import io.kubemin.workflow.ComponentTaskStatus;
import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.JobStatus;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.TaskStatusView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A task's status per component (inventory §1.3 (10)), from its job records: for each job only its
 * latest run counts; a component's status is the most severe of its jobs'; components of the
 * workflow without a finished job get a default from the task's status. Order: workflow order.
 */
public final class TaskStatusReport {
  private final DataStore store;

  public TaskStatusReport(DataStore store) {
    this.store = store;
  }

  /** The report of a task. */
  public TaskStatusView of(String taskId) {
    Task task =
        store
            .findTask(taskId)
            .orElseThrow(() -> new TaskNotFoundException(taskId, "does not exist"));
    Map<String, String> types = new LinkedHashMap<>();
    for (ComponentRecord component : store.listComponents(task.appId())) {
      types.put(component.name(), component.spec().type());
    }
    Map<String, List<JobRecord>> byComponent = latestJobsByComponent(store.listJobs(taskId));
    Set<String> order =
        new LinkedHashSet<>(componentOrder(store.findWorkflow(task.workflowId()).orElse(null)));
    order.addAll(byComponent.keySet());
    List<ComponentTaskStatus> components = new ArrayList<>();
    for (String name : order) {
      components.add(
          component(name, types.get(name), byComponent.getOrDefault(name, List.of()), task));
    }
    return new TaskStatusView(
        task.id(),
        task.status(),
        task.workflowId(),
        task.workflowName(),
        task.appId(),
        "workflow",
        task.attempt(),
        task.error(),
        task.createdAt(),
        task.startedAt(),
        task.finishedAt(),
        components);
  }

  private static Map<String, List<JobRecord>> latestJobsByComponent(List<JobRecord> records) {
    Map<String, JobRecord> latest = new LinkedHashMap<>();
    for (JobRecord record : records) {
      latest.put(
          record.componentName() + "\u0000" + record.kind() + "\u0000" + record.name(), record);
    }
    Map<String, List<JobRecord>> byComponent = new LinkedHashMap<>();
    latest
        .values()
        .forEach(
            r -> byComponent.computeIfAbsent(r.componentName(), c -> new ArrayList<>()).add(r));
    return byComponent;
  }

  private static List<String> componentOrder(WorkflowRecord workflow) {
    List<String> names = new ArrayList<>();
    if (workflow != null) {
      for (Step step : workflow.steps()) {
        names.addAll(step.componentNames());
        step.subSteps().forEach(sub -> names.addAll(sub.componentNames()));
      }
    }
    return names;
  }

  private static ComponentTaskStatus component(
      String name, String type, List<JobRecord> jobs, Task task) {
    String jobType = upstreamType(type, jobs);
    if (jobs.isEmpty()) {
      return new ComponentTaskStatus(name, jobType, defaultStatus(task.status()), null, null, null);
    }
    JobRecord worst = jobs.get(0);
    String error = null;
    Instant start = null;
    Instant end = null;
    for (JobRecord job : jobs) {
      if (severity(job.status()) > severity(worst.status())) {
        worst = job;
      }
      if (error == null
          && job.error() != null
          && !job.error().isBlank()
          && !job.status().succeeded()) {
        error = job.error();
      }
      start =
          start == null || (job.startedAt() != null && job.startedAt().isBefore(start))
              ? job.startedAt()
              : start;
      end =
          end == null || (job.finishedAt() != null && job.finishedAt().isAfter(end))
              ? job.finishedAt()
              : end;
    }
    return new ComponentTaskStatus(name, jobType, worst.status().jsonName(), error, start, end);
  }

  private static int severity(JobStatus status) {
    return switch (status) {
      case FAILED, TIMEOUT -> 4;
      case CANCELLED -> 3;
      case RUNNING -> 2;
      case COMPLETED -> 1;
      case SKIPPED -> 0;
    };
  }

  private static String defaultStatus(TaskStatus status) {
    return switch (status) {
      case CANCELLED, FAILED, TIMEOUT, COMPLETED -> status.jsonName();
      default -> "waiting";
    };
  }

  private static String upstreamType(String componentType, List<JobRecord> jobs) {
    return ComponentType.fromJsonName(componentType)
        .map(
            t ->
                switch (t) {
                  case WEBSERVICE -> "deploy";
                  case STORE -> "store_deploy";
                  case CONFIG -> "configmap_deploy";
                  case SECRET -> "secret_deploy";
                })
        .orElseGet(() -> jobs.isEmpty() ? null : jobs.get(0).kind().upstreamType());
  }
}
