package io.kubemin.internal.engine;

import io.kubemin.internal.plan.PlanInputs;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;

/**
 * A task slot of this instance's worker, taken by an exec on the leader that knows its task's plan
 * inputs: the task is then inserted already {@code running}, leased to this instance, and runs here
 * at once, without the claim, the queue and the start's write and read. The exec either {@linkplain
 * #launch launches} the task or {@linkplain #release releases} the slot, exactly once.
 *
 * <p>The task is durable before it runs, exactly like a task a worker started: its lease is renewed
 * by this instance's heartbeat, and a crash before or after the launch leaves a running task whose
 * lease runs out and which the reaper hands to another worker.
 */
public final class LocalStart {
  private final EngineParts parts;
  private final Worker worker;
  private final long takenNanos = System.nanoTime();
  private boolean settled;

  LocalStart(EngineParts parts, Worker worker) {
    this.parts = parts;
    this.worker = worker;
  }

  /** The new task as this instance starts it: running, leased here, started now. */
  public Task started(Task created) {
    return TaskStarter.runningHere(created, created.createdAt(), parts.settings());
  }

  /**
   * Runs the task, inserted as {@link #started} made it, with the inputs it was inserted against.
   *
   * @param traceparent the exec's trace context, or null
   */
  public void launch(Task running, PlanInputs inputs, String traceparent) {
    settle();
    // Listeners see the life of every task alike: queued (here, by the exec), then started.
    parts
        .listener()
        .taskQueued(
            TaskEvents.of(running.withStatus(TaskStatus.QUEUED, running.createdAt()), parts.now()));
    worker.launchStarted(running, inputs, traceparent, takenNanos);
  }

  /** Gives the slot back: the task was not inserted running (or the exec failed). */
  public void release() {
    if (!settled) {
      settle();
      worker.releaseSlot();
    }
  }

  private void settle() {
    if (settled) {
      throw new IllegalStateException("this task slot was launched or released already");
    }
    settled = true;
  }
}
