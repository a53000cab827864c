package io.kubemin.internal.engine;

import io.kubemin.spi.AppliedConfig;
import io.kubemin.spi.ComponentStatus;
import io.kubemin.spi.Job;
import io.kubemin.spi.JobKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks a config or secret component {@link ComponentStatus#RUNNING} once a job has applied its
 * ConfigMap or Secret: no workload reports a status for them, so without this they would stay
 * {@link ComponentStatus#NOT_DEPLOYED} forever. With group commit the mark joins the batch of the
 * task's next write (durable no later than the task's end) instead of a statement and a commit of
 * its own.
 *
 * <p>A component that read as running with the task's start (where the store reads the plan's
 * inputs with it) is not marked again: redeploying an application re-applies its config objects
 * every time, and the mark would change nothing but cost a statement (a component saved again after
 * the start is not what this task applied, so it is left as saved).
 */
final class AppliedConfigMarks {
  private static final Logger LOG = LoggerFactory.getLogger(AppliedConfigMarks.class);

  private AppliedConfigMarks() {}

  /** Marks the component of a job that applied its object, unless it needs no mark. */
  static void applied(EngineParts parts, TaskExecution execution, Job job) {
    if ((job.kind() != JobKind.CONFIG_MAP && job.kind() != JobKind.SECRET)
        || execution.runningAtStart().contains(job.componentName())) {
      return;
    }
    String appId = execution.task().appId();
    try {
      if (parts.store() instanceof GroupCommitStore batches) {
        batches
            .markConfigAppliedLater(
                execution.task().id(), new AppliedConfig(appId, job.componentName(), parts.now()))
            // Told as soon as the mark is durable, not only at the task's end: an exec right after
            // the end then knows it (a mark whose batch failed is told with the end instead).
            .thenRun(() -> execution.configDurable(job.componentName()));
      } else {
        parts.store().markConfigApplied(appId, job.componentName(), parts.now());
      }
      execution.configMarked(job.componentName());
    } catch (RuntimeException e) {
      LOG.warn("cannot mark component {} of {} applied", job.componentName(), appId, e);
    }
  }
}
