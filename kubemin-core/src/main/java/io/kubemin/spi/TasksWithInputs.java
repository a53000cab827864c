package io.kubemin.spi;

import io.kubemin.workflow.Task;
import java.util.List;

/**
 * Tasks read together with what their plans are made of: their applications, those applications'
 * components and the tasks' workflows ({@link DataStore#findTasksWithInputs}).
 *
 * @param tasks the tasks that exist, in no particular order
 * @param applications the applications of those tasks that exist
 * @param components the components of those applications, each application's by ordinal
 * @param workflows the workflows of those tasks that exist
 */
public record TasksWithInputs(
    List<Task> tasks,
    List<ApplicationRecord> applications,
    List<ComponentRecord> components,
    List<WorkflowRecord> workflows) {
  /** Copies the lists. */
  public TasksWithInputs {
    tasks = List.copyOf(tasks);
    applications = List.copyOf(applications);
    components = List.copyOf(components);
    workflows = List.copyOf(workflows);
  }
}
