package io.kubemin.examples.docs;

import io.kubemin.KubeMin;
import io.kubemin.TaskNotSuspendedException;
import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.TaskSuspension;
import io.kubemin.workflow.WorkflowListener;
import java.util.function.Consumer;

/** docs/lifecycle.md: tell people when a task waits for approval, and approve it. */
public final class ApprovalGates {
  private ApprovalGates() {}

  /** A listener (register it with {@code KubeMin.builder().listener(...)}) that posts to a chat. */
  public static WorkflowListener notifier(Consumer<String> chat) {
    return new WorkflowListener() {
      @Override
      public void taskSuspended(TaskEvent event, TaskSuspension gate) {
        chat.accept(
            "task "
                + event.taskId()
                + " waits at '"
                + gate.step()
                + "': "
                + gate.message()
                + (gate.deadline() == null ? "" : " (until " + gate.deadline() + ")"));
      }

      @Override
      public void taskResumed(TaskEvent event, TaskSuspension gate) {
        chat.accept("task " + event.taskId() + " approved by " + gate.resumedBy());
      }
    };
  }

  /** Approves the gate the task waits at; false when it does not wait (any more). */
  public static boolean approve(KubeMin kubemin, String taskId, String user) {
    try {
      kubemin.resume(taskId, user); // on any instance: a worker goes on after the gate
      return true;
    } catch (TaskNotSuspendedException e) {
      return false; // approved by someone else first, cancelled or timed out: see e.status()
    }
  }
}
