package io.kubemin.internal.app;

import io.kubemin.Ids;
import io.kubemin.WorkflowNotFoundException;
import io.kubemin.internal.engine.EngineParts;
import io.kubemin.internal.plan.StoredApplication;
import io.kubemin.model.WorkflowRequest;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.WorkflowRecord;
import io.kubemin.validation.TextLimits;
import java.time.Instant;
import java.util.Optional;

/** Creates and replaces workflows of an application, validated against its components. */
public final class WorkflowService {
  private final EngineParts parts;
  private final ApplicationService apps;
  private final ApplicationCheck check;

  public WorkflowService(EngineParts parts, ApplicationService apps, ApplicationCheck check) {
    this.parts = parts;
    this.apps = apps;
    this.check = check;
  }

  /**
   * Writes the steps into the workflow with {@code workflowId}, else into the workflow named {@code
   * name} (created when missing), else into the default workflow.
   *
   * @return the workflow's id
   */
  public String put(String appId, WorkflowRequest request) {
    TextLimits.require(TextLimits.SHORT_TEXT, "name", request.name(), "alias", request.alias());
    StoredApplication app = apps.load(appId);
    check.checkWorkflow(
        request.workflow(), app.components().stream().map(ComponentRecord::name).toList());
    Instant now = parts.now();
    String fallbackName = app.record().name() + "-workflow";
    return parts.store().inTransaction(tx -> write(tx, appId, request, fallbackName, now)).id();
  }

  private static WorkflowRecord write(
      DataStore tx, String appId, WorkflowRequest request, String fallbackName, Instant now) {
    Optional<WorkflowRecord> target = target(tx, appId, request);
    String name =
        blank(request.name())
            ? target.map(WorkflowRecord::name).orElse(fallbackName)
            : request.name();
    String alias =
        blank(request.alias()) ? target.map(WorkflowRecord::alias).orElse(name) : request.alias();
    WorkflowRecord workflow =
        new WorkflowRecord(
            target.map(WorkflowRecord::id).orElseGet(Ids::newId),
            appId,
            name,
            alias,
            request.workflow(),
            target.map(WorkflowRecord::createdAt).orElse(now),
            now);
    tx.putWorkflow(workflow);
    return workflow;
  }

  private static Optional<WorkflowRecord> target(
      DataStore tx, String appId, WorkflowRequest request) {
    if (!blank(request.workflowId())) {
      WorkflowRecord found =
          tx.findWorkflow(request.workflowId())
              .filter(w -> w.appId().equals(appId))
              .orElseThrow(() -> new WorkflowNotFoundException(appId, request.workflowId()));
      return Optional.of(found);
    }
    if (!blank(request.name())) {
      return tx.listWorkflows(appId).stream()
          .filter(w -> w.name().equals(request.name()))
          .findFirst();
    }
    return tx.listWorkflows(appId).stream().findFirst();
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
