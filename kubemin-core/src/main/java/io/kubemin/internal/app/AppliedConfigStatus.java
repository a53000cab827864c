package io.kubemin.internal.app;

import io.kubemin.internal.engine.GroupCommitStore;
import io.kubemin.spi.AppliedConfig;
import io.kubemin.spi.ComponentStatus;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.JobKind;
import io.kubemin.workflow.JobEvent;
import io.kubemin.workflow.JobStatus;
import io.kubemin.workflow.WorkflowListener;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks a config or secret component {@link ComponentStatus#RUNNING} once a job has applied its
 * ConfigMap or Secret: no workload reports a status for them, so without this they would stay
 * {@link ComponentStatus#NOT_DEPLOYED} forever. With group commit the mark joins the batch of the
 * task's next write (durable no later than the task's end) instead of a statement and a commit of
 * its own.
 */
public final class AppliedConfigStatus implements WorkflowListener {
  private static final Logger LOG = LoggerFactory.getLogger(AppliedConfigStatus.class);

  private final DataStore store;
  private final Clock clock;

  public AppliedConfigStatus(DataStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void jobFinished(JobEvent event) {
    if (event.status() != JobStatus.COMPLETED
        || (event.kind() != JobKind.CONFIG_MAP && event.kind() != JobKind.SECRET)) {
      return;
    }
    try {
      if (store instanceof GroupCommitStore batches) {
        batches.markConfigAppliedLater(
            event.taskId(),
            new AppliedConfig(event.appId(), event.componentName(), clock.instant()));
      } else {
        store.markConfigApplied(event.appId(), event.componentName(), clock.instant());
      }
    } catch (RuntimeException e) {
      LOG.warn("cannot mark component {} of {} applied", event.componentName(), event.appId(), e);
    }
  }
}
