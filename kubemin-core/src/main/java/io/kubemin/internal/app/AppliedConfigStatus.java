package io.kubemin.internal.app;

import io.kubemin.model.ComponentType;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.spi.ComponentStatus;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.JobKind;
import io.kubemin.workflow.JobEvent;
import io.kubemin.workflow.JobStatus;
import io.kubemin.workflow.WorkflowListener;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks a config or secret component {@link ComponentStatus#RUNNING} once a job has applied its
 * ConfigMap or Secret: no workload reports a status for them, so without this they would stay
 * {@link ComponentStatus#NOT_DEPLOYED} forever.
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
      configComponent(event)
          .filter(c -> c.status() != ComponentStatus.RUNNING)
          .ifPresent(
              c ->
                  store.updateComponentStatus(c.id(), ComponentStatus.RUNNING, 0, clock.instant()));
    } catch (RuntimeException e) {
      LOG.warn("cannot mark component {} of {} applied", event.componentName(), event.appId(), e);
    }
  }

  private Optional<ComponentRecord> configComponent(JobEvent event) {
    return store.listComponents(event.appId()).stream()
        .filter(c -> c.name().equals(event.componentName()))
        .filter(
            c ->
                ComponentType.fromJsonName(c.spec().type())
                    .filter(t -> t == ComponentType.CONFIG || t == ComponentType.SECRET)
                    .isPresent())
        .findFirst();
  }
}
