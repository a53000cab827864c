package io.kubemin.internal.engine;

import io.kubemin.workflow.JobEvent;
import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.TaskSuspension;
import io.kubemin.workflow.WorkflowListener;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each event to every registered listener; a throwing listener (exception or error) is
 * logged and skipped.
 */
public final class Listeners implements WorkflowListener {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  private final List<WorkflowListener> listeners;

  public Listeners(List<WorkflowListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void taskQueued(TaskEvent event) {
    each(l -> l.taskQueued(event));
  }

  @Override
  public void taskStarted(TaskEvent event) {
    each(l -> l.taskStarted(event));
  }

  @Override
  public void taskSuspended(TaskEvent event, TaskSuspension suspension) {
    each(l -> l.taskSuspended(event, suspension));
  }

  @Override
  public void taskResumed(TaskEvent event, TaskSuspension suspension) {
    each(l -> l.taskResumed(event, suspension));
  }

  @Override
  public void taskFinished(TaskEvent event) {
    each(l -> l.taskFinished(event));
  }

  @Override
  public void jobStarted(JobEvent event) {
    each(l -> l.jobStarted(event));
  }

  @Override
  public void jobProgress(JobEvent event) {
    each(l -> l.jobProgress(event));
  }

  @Override
  public void jobFinished(JobEvent event) {
    each(l -> l.jobFinished(event));
  }

  private void each(Consumer<WorkflowListener> delivery) {
    for (WorkflowListener listener : listeners) {
      try {
        delivery.accept(listener);
      } catch (RuntimeException | Error e) {
        // An Error (an assertion, a missing class) of a listener must not kill an engine thread.
        LOG.warn("workflow listener {} failed; ignored", listener.getClass().getName(), e);
      }
    }
  }
}
