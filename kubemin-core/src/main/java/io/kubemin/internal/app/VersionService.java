package io.kubemin.internal.app;

import io.kubemin.DeletionResult;
import io.kubemin.EmptyWorkflowException;
import io.kubemin.ExecOptions;
import io.kubemin.InvalidVersionUpdateException;
import io.kubemin.VersionUpdateResult;
import io.kubemin.internal.engine.EngineParts;
import io.kubemin.internal.plan.StoredApplication;
import io.kubemin.model.ComponentChange;
import io.kubemin.model.VersionUpdate;
import io.kubemin.spi.ApplicationRecord;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.WorkflowRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Version updates (inventory §5.11) without the upstream's defects (B24): the request is checked
 * completely before anything is written, every write happens in one transaction, the strategy is
 * validated and recorded, removed components lose their cluster objects and leave every workflow,
 * and the rollout task queues behind an active one instead of failing.
 */
public final class VersionService {
  private static final Logger LOG = LoggerFactory.getLogger(VersionService.class);
  private static final Set<String> STRATEGIES =
      Set.of("rolling", "recreate", "canary", "blue-green");

  private final EngineParts parts;
  private final ApplicationService apps;
  private final TaskService tasks;
  private final ApplicationCheck check;
  private final ObjectDeleter deleter;

  public VersionService(
      EngineParts parts,
      ApplicationService apps,
      TaskService tasks,
      ApplicationCheck check,
      ObjectDeleter deleter) {
    this.parts = parts;
    this.apps = apps;
    this.tasks = tasks;
    this.check = check;
    this.deleter = deleter;
  }

  public VersionUpdateResult update(String appId, VersionUpdate request) {
    if (request.version() == null || request.version().isBlank()) {
      throw new InvalidVersionUpdateException(
          "version", "is required", InvalidVersionUpdateException.MISSING_VERSION);
    }
    String strategy =
        request.strategy() == null || request.strategy().isBlank() ? "rolling" : request.strategy();
    if (!STRATEGIES.contains(strategy)) {
      throw new InvalidVersionUpdateException(
          "strategy",
          "must be one of " + STRATEGIES + ", not '" + strategy + "'",
          InvalidVersionUpdateException.INVALID_STRATEGY);
    }
    StoredApplication before = apps.load(appId);
    ComponentChanges changes = new ComponentChanges(appId, before.components());
    List<ComponentChange> requested = request.components();
    for (int i = 0; i < requested.size(); i++) {
      changes.apply("components[" + i + "]", requested.get(i));
    }
    List<WorkflowRecord> workflows = parts.store().listWorkflows(appId);
    Map<String, WorkflowRecord> synced = new LinkedHashMap<>();
    for (int i = 0; i < workflows.size(); i++) {
      WorkflowRecord w = workflows.get(i);
      List<String> added = i == 0 ? changes.added() : List.of();
      synced.put(
          w.id(),
          new WorkflowRecord(
              w.id(),
              appId,
              w.name(),
              w.alias(),
              WorkflowSync.sync(w.steps(), changes.removed(), added),
              w.createdAt(),
              parts.now()));
    }
    ApplicationRecord old = before.record();
    String description = request.description() == null ? old.description() : request.description();
    check.check(
        before.toModel(List.of()).toBuilder()
            .version(request.version())
            .description(description)
            .components(changes.components())
            .workflow(synced.isEmpty() ? List.of() : synced.values().iterator().next().steps())
            .build(),
        appId,
        before.componentIds());
    Instant now = parts.now();
    parts
        .store()
        .inTransaction(
            tx -> {
              tx.lockApplication(appId);
              Instant at = ApplicationService.afterStored(tx, appId, now);
              write(tx, before, request.version(), description, changes, synced.values(), at);
              List<io.kubemin.model.Step> steps =
                  synced.isEmpty() ? List.of() : synced.values().iterator().next().steps();
              return apps.revisions()
                  .record(
                      tx,
                      appId,
                      request.version(),
                      changes.components(),
                      steps,
                      Revisions.SYSTEM,
                      "version " + request.version(),
                      at);
            });
    apps.forgetKnown(appId);
    DeletionResult deletion = deleter.delete(before, changes.removed());
    String taskId = changes.any() && request.runsWorkflow() ? rollOut(appId) : null;
    LOG.info(
        "application {} version {} -> {} (strategy {}): updated {}, added {}, removed {}, task {}",
        appId,
        old.version(),
        request.version(),
        strategy,
        changes.updated(),
        changes.added(),
        changes.removed(),
        taskId);
    return new VersionUpdateResult(
        appId,
        request.version(),
        old.version(),
        strategy,
        taskId,
        changes.updated(),
        changes.added(),
        changes.removed(),
        deletion);
  }

  private static Void write(
      DataStore tx,
      StoredApplication before,
      String version,
      String description,
      ComponentChanges changes,
      Iterable<WorkflowRecord> workflows,
      Instant now) {
    ApplicationRecord a = before.record();
    tx.putApplication(
        new ApplicationRecord(
            a.id(),
            a.name(),
            a.namespace(),
            version,
            a.alias(),
            a.project(),
            description,
            a.icon(),
            a.tmpEnable(),
            a.rollbackOnFailure(),
            a.createdAt(),
            now));
    Map<String, ComponentRecord> old = new LinkedHashMap<>();
    before.components().forEach(c -> old.put(c.name(), c));
    ApplicationService.putComponents(tx, a.id(), changes.components(), old, now);
    old.values().forEach(c -> tx.deleteComponent(c.id()));
    workflows.forEach(tx::putWorkflow);
    return null;
  }

  private String rollOut(String appId) {
    try {
      return tasks.exec(appId, ExecOptions.queueBehind());
    } catch (EmptyWorkflowException e) {
      return null;
    }
  }
}
