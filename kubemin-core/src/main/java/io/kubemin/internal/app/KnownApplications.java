package io.kubemin.internal.app;

import io.kubemin.internal.plan.PlanInputs;
import io.kubemin.internal.plan.StoredApplication;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.spi.ComponentStatus;
import io.kubemin.spi.WorkflowRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this instance knows of the applications it wrote or listed lately, so that an exec on a
 * store that prefers batches needs no read: the first (default) workflow of each, and, of those it
 * wrote, the application with its components. An exec's insert carries what it took from here
 * ({@link io.kubemin.spi.NewTask#expectedFirstWorkflow()}, {@link
 * io.kubemin.spi.NewTask#expectedApplicationUpdatedAt()}) and is written only while the store still
 * holds the same; a change by another instance makes that insert report no row, and the exec then
 * reads the workflows and goes again.
 */
final class KnownApplications {
  /** Past this many applications the map starts over: a miss costs one read, nothing more. */
  private static final int MAX_APPLICATIONS = 10_000;

  /**
   * @param firstWorkflow the application's first workflow
   * @param application the application with its components as written here, or null when only the
   *     workflow was read
   */
  private record Known(WorkflowRecord firstWorkflow, StoredApplication application) {}

  private final Map<String, Known> byApplication = new ConcurrentHashMap<>();
  private final boolean kept;

  /**
   * @param kept whether to keep anything: on a store that does not prefer batches a read is cheap,
   *     and nothing is kept
   */
  KnownApplications(boolean kept) {
    this.kept = kept;
  }

  Optional<WorkflowRecord> firstWorkflow(String appId) {
    Known known = byApplication.get(appId);
    return Optional.ofNullable(known == null ? null : known.firstWorkflow());
  }

  /**
   * The plan's inputs of a task of the first workflow, as this instance wrote them; empty when only
   * the workflow is known.
   */
  Optional<PlanInputs> firstWorkflowInputs(String appId) {
    Known known = byApplication.get(appId);
    return known == null || known.application() == null
        ? Optional.empty()
        : Optional.of(new PlanInputs(known.firstWorkflow(), known.application()));
  }

  /**
   * Remembers an application this instance wrote, with its components and first workflow; of an
   * application with secret data only the workflow, so that secrets stay in memory no longer than a
   * task needs them.
   */
  void written(StoredApplication application, WorkflowRecord first) {
    boolean secrets = application.components().stream().anyMatch(c -> c.spec().holdsSecrets());
    put(new Known(first, secrets ? null : application));
  }

  /**
   * Remembers a first workflow read from the store; what is known of the application stays only
   * while that workflow is the one known.
   */
  void listed(WorkflowRecord first) {
    if (!kept) {
      return;
    }
    Known before = byApplication.get(first.appId());
    boolean same =
        before != null
            && before.firstWorkflow().id().equals(first.id())
            && before.firstWorkflow().updatedAt().equals(first.updatedAt());
    put(new Known(first, same ? before.application() : null));
  }

  /**
   * Notes config components a completed task marked running, in the application as known here when
   * it is still the one the task's inputs were read at: the next task started from it does not mark
   * them again.
   */
  void configsApplied(String appId, Instant applicationUpdatedAt, Set<String> componentNames) {
    byApplication.computeIfPresent(
        appId,
        (id, known) -> {
          StoredApplication application = known.application();
          if (application == null
              || !application.record().updatedAt().equals(applicationUpdatedAt)) {
            return known;
          }
          List<ComponentRecord> components = new ArrayList<>(application.components().size());
          for (ComponentRecord component : application.components()) {
            components.add(
                componentNames.contains(component.name())
                    ? component.withStatus(
                        ComponentStatus.RUNNING, component.readyReplicas(), component.updatedAt())
                    : component);
          }
          return new Known(
              known.firstWorkflow(), new StoredApplication(application.record(), components));
        });
  }

  /** Keeps only the first workflow of the application (its inputs are no longer known). */
  void forgetApplication(String appId) {
    byApplication.computeIfPresent(
        appId,
        (id, known) ->
            known.application() == null ? known : new Known(known.firstWorkflow(), null));
  }

  void forget(String appId) {
    byApplication.remove(appId);
  }

  private void put(Known known) {
    if (!kept) {
      return;
    }
    if (byApplication.size() >= MAX_APPLICATIONS) {
      byApplication.clear();
    }
    byApplication.put(known.firstWorkflow().appId(), known);
  }
}
