package io.kubemin.internal.app;

import io.kubemin.ApplicationInfo;
import io.kubemin.ApplicationNotFoundException;
import io.kubemin.DeletionResult;
import io.kubemin.DryRunResult;
import io.kubemin.Ids;
import io.kubemin.TaskConflictException;
import io.kubemin.internal.engine.EngineParts;
import io.kubemin.internal.plan.StoredApplication;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.Step;
import io.kubemin.model.StepMode;
import io.kubemin.spi.ApplicationRecord;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.spi.ComponentStatus;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.WorkflowRecord;
import io.kubemin.validation.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, replaces, reads and deletes applications. A replace keeps the stored id of every
 * component whose name stays (so labels of deployed objects keep pointing at it, B17) and deletes
 * the cluster objects of components it drops.
 */
public final class ApplicationService {
  private static final Logger LOG = LoggerFactory.getLogger(ApplicationService.class);

  private final EngineParts parts;
  private final ApplicationCheck check;
  private final ObjectDeleter deleter;
  private final Revisions revisions;
  private final KnownApplications known;

  public ApplicationService(
      EngineParts parts, ApplicationCheck check, ObjectDeleter deleter, Revisions revisions) {
    this.parts = parts;
    this.check = check;
    this.deleter = deleter;
    this.revisions = revisions;
    this.known = new KnownApplications(parts.store().prefersBatches());
  }

  /** The revisions of applications. */
  public Revisions revisions() {
    return revisions;
  }

  /**
   * Creates the application, or replaces the one with its id. Template references are instantiated
   * first, then the result is validated.
   */
  public ApplicationInfo createOrReplace(Application request) {
    Written written = write(request, Revisions.SYSTEM, null);
    if (!written.dropped().isEmpty()) {
      DeletionResult deletion = deleter.delete(written.before(), written.dropped());
      if (!deletion.complete()) {
        LOG.warn(
            "replacing application {}: objects of dropped components not deleted: {}",
            written.record().id(),
            deletion.failedResources());
      }
    }
    return ApplicationInfo.of(written.record(), written.workflowId());
  }

  /**
   * Expands, checks and writes a create or replace with its revision; deletes nothing.
   *
   * @param cause the revision's cause, or null for {@code created} / {@code replaced}
   */
  Written write(Application request, String author, String cause) {
    Checked checked = checked(request);
    Instant now = parts.now();
    String why = cause != null ? cause : checked.existing() != null ? "replaced" : "created";
    Written written =
        parts
            .store()
            .inTransaction(
                tx ->
                    write(
                        tx, checked.app(), checked.appId(), checked.existing(), now, author, why));
    known.written(
        new StoredApplication(written.record(), written.components()), written.workflow());
    return written;
  }

  private Written write(
      DataStore tx,
      Application app,
      String appId,
      ApplicationRecord existing,
      Instant requested,
      String author,
      String cause) {
    Instant now = requested;
    if (existing != null) {
      tx.lockApplication(appId);
      now = afterStored(tx, appId, requested);
    }
    StoredApplication before =
        new StoredApplication(
            existing == null ? record(app, appId, null, now) : existing, tx.listComponents(appId));
    ApplicationRecord record = record(app, appId, existing, now);
    tx.putApplication(record);
    Map<String, ComponentRecord> old = new LinkedHashMap<>();
    before.components().forEach(c -> old.put(c.name(), c));
    List<ComponentRecord> components = putComponents(tx, appId, app.components(), old, now);
    old.values().forEach(c -> tx.deleteComponent(c.id()));
    List<Step> steps = app.workflow().isEmpty() ? defaultSteps(app.components()) : app.workflow();
    WorkflowRecord workflow = putDefaultWorkflow(tx, record, steps, now);
    Optional<Integer> revision =
        revisions.record(tx, appId, record.version(), app.components(), steps, author, cause, now);
    return new Written(
        record, components, workflow, before, List.copyOf(old.keySet()), revision.orElse(0));
  }

  /**
   * The time of a write of a locked, stored application: {@code now}, or just after the stored
   * {@code updatedAt} when that is not earlier, so that every write changes it (an exec's insert
   * checks it to know the application is as it was written here).
   */
  static Instant afterStored(DataStore tx, String appId, Instant now) {
    return tx.findApplication(appId)
        .map(ApplicationRecord::updatedAt)
        .filter(stored -> !stored.isBefore(now))
        .map(stored -> stored.plusMillis(1))
        .orElse(now);
  }

  /**
   * Writes components; a component whose name is in {@code old} keeps its id and status (and leaves
   * {@code old}).
   *
   * @return the components as written, in their order
   */
  static List<ComponentRecord> putComponents(
      DataStore tx,
      String appId,
      List<Component> components,
      Map<String, ComponentRecord> old,
      Instant now) {
    List<ComponentRecord> written = new java.util.ArrayList<>(components.size());
    for (int i = 0; i < components.size(); i++) {
      Component spec = components.get(i);
      ComponentRecord kept = old.remove(spec.name());
      ComponentRecord component =
          kept == null
              ? new ComponentRecord(
                  Ids.newId(), appId, i, spec, ComponentStatus.NOT_DEPLOYED, 0, now, now)
              : new ComponentRecord(
                  kept.id(),
                  appId,
                  i,
                  spec,
                  kept.status(),
                  kept.readyReplicas(),
                  kept.createdAt(),
                  now);
      tx.putComponent(component);
      written.add(component);
    }
    return written;
  }

  private static ApplicationRecord record(
      Application app, String appId, ApplicationRecord existing, Instant now) {
    // Like the upstream's tmp_enable, a flag left out of a replace keeps its stored value.
    boolean tmpEnable =
        app.tmpEnable() != null ? app.tmpEnable() : existing != null && existing.tmpEnable();
    boolean rollbackOnFailure =
        app.rollbackOnFailure() != null
            ? app.rollbackOnFailure()
            : existing != null && existing.rollbackOnFailure();
    return new ApplicationRecord(
        appId,
        app.name(),
        app.namespace(),
        app.version(),
        app.alias(),
        app.project(),
        app.description(),
        app.icon(),
        tmpEnable,
        rollbackOnFailure,
        existing == null ? now : existing.createdAt(),
        now);
  }

  private static WorkflowRecord putDefaultWorkflow(
      DataStore tx, ApplicationRecord app, List<Step> steps, Instant now) {
    Optional<WorkflowRecord> current = tx.listWorkflows(app.id()).stream().findFirst();
    String alias =
        (app.alias() == null || app.alias().isBlank() ? app.name() : app.alias()) + "-workflow";
    WorkflowRecord workflow =
        new WorkflowRecord(
            current.map(WorkflowRecord::id).orElseGet(Ids::newId),
            app.id(),
            app.name() + "-workflow",
            alias,
            steps,
            current.map(WorkflowRecord::createdAt).orElse(now),
            now);
    tx.putWorkflow(workflow);
    return workflow;
  }

  /** One StepByStep step per component, named after it (the upstream's default workflow). */
  static List<Step> defaultSteps(List<Component> components) {
    return components.stream()
        .map(
            c ->
                Step.builder()
                    .name(c.name())
                    .jobType("deploy")
                    .mode(StepMode.STEP_BY_STEP)
                    .components(c.name())
                    .build())
        .toList();
  }

  /**
   * The application as a create or replace would store it (templates instantiated, checked,
   * components keeping their stored ids by name), without writing anything: what a plan renders. A
   * new application gets a fresh id.
   *
   * @throws ApplicationNotFoundException when the request carries an unknown id
   */
  public StoredApplication unsaved(Application request) {
    Checked checked = checked(request);
    Application app = checked.app();
    String appId = checked.appId();
    Instant now = parts.now();
    List<ComponentRecord> components = new ArrayList<>();
    for (int i = 0; i < app.components().size(); i++) {
      Component spec = app.components().get(i);
      String id = checked.keptIds().getOrDefault(spec.name(), Ids.newId());
      components.add(
          new ComponentRecord(id, appId, i, spec, ComponentStatus.NOT_DEPLOYED, 0, now, now));
    }
    return new StoredApplication(record(app, appId, checked.existing(), now), components);
  }

  /** A create or replace request expanded and checked; {@code existing} is null for a create. */
  private record Checked(
      Application app, String appId, ApplicationRecord existing, Map<String, String> keptIds) {}

  /**
   * Expands the request's template references and validates it; a replace keeps its components' ids
   * by name.
   *
   * @throws ApplicationNotFoundException when the request carries an unknown id
   */
  private Checked checked(Application request) {
    boolean replace = request.id() != null && !request.id().isBlank();
    ApplicationRecord existing = replace ? record(request.id()) : null;
    TemplateExpansion expansion = TemplateExpander.expand(request, this::template);
    Application app = expansion.application();
    String appId = replace ? existing.id() : Ids.newId();
    Map<String, String> keptIds = new LinkedHashMap<>();
    if (replace) {
      parts.store().listComponents(appId).forEach(c -> keptIds.put(c.name(), c.id()));
    }
    try {
      check.check(app, appId, keptIds);
    } catch (ValidationException e) {
      throw expansion.relocate(e);
    }
    return new Checked(app, appId, existing, keptIds);
  }

  /**
   * Validation and rendering of the application with its template references instantiated; nothing
   * is written.
   */
  public DryRunResult dryRun(Application request) {
    TemplateExpansion expansion = TemplateExpander.expand(request, this::template);
    DryRunResult result = check.dryRun(expansion.application());
    return new DryRunResult(
        expansion.relocate(result.validation()), result.rendered(), result.renderError());
  }

  private Optional<StoredApplication> template(String templateId) {
    return parts
        .store()
        .findApplication(templateId)
        .map(t -> new StoredApplication(t, parts.store().listComponents(templateId)));
  }

  /** The application with its default workflow. */
  public ApplicationInfo get(String appId) {
    ApplicationRecord app = record(appId);
    return ApplicationInfo.of(app, defaultWorkflowId(appId));
  }

  /** Every application, most recently updated first. */
  public List<ApplicationInfo> list() {
    return parts.store().listApplications().stream()
        .map(a -> ApplicationInfo.of(a, defaultWorkflowId(a.id())))
        .toList();
  }

  /** One page of {@link #list()}. */
  public List<ApplicationInfo> page(int offset, int limit) {
    return parts.store().listApplications(offset, limit).stream()
        .map(a -> ApplicationInfo.of(a, defaultWorkflowId(a.id())))
        .toList();
  }

  /** How many applications there are. */
  public int count() {
    return parts.store().countApplications();
  }

  /** The applications that can serve as templates, most recently updated first. */
  public List<ApplicationInfo> templates() {
    return parts.store().listApplications().stream()
        .filter(ApplicationRecord::tmpEnable)
        .map(a -> ApplicationInfo.of(a, defaultWorkflowId(a.id())))
        .toList();
  }

  /** The components with their live status. */
  public List<ComponentRecord> components(String appId) {
    record(appId);
    return parts.store().listComponents(appId);
  }

  /** The workflows, oldest (the default one) first. */
  public List<WorkflowRecord> workflows(String appId) {
    record(appId);
    return parts.store().listWorkflows(appId);
  }

  /**
   * Deletes the application's cluster objects, then (only when all are gone) its rows. Refused
   * while a task of it is active.
   */
  public DeletionResult delete(String appId) {
    StoredApplication app = load(appId);
    refuseWhileActive(parts.store(), appId);
    DeletionResult result = deleteResources(app);
    if (result.complete()) {
      // Checked again with the delete in one transaction: an exec that slipped in while the
      // objects were being deleted keeps the application (and its task) instead of losing them.
      parts
          .store()
          .inTransaction(
              tx -> {
                tx.lockApplication(appId);
                refuseWhileActive(tx, appId);
                return tx.deleteApplication(appId);
              });
    }
    return result;
  }

  private static void refuseWhileActive(DataStore store, String appId) {
    store.listActiveTasks(appId).stream()
        .findFirst()
        .ifPresent(
            t -> {
              throw new TaskConflictException(
                  appId,
                  t.id(),
                  "application '"
                      + appId
                      + "' has an active task '"
                      + t.id()
                      + "'; cancel it before deleting the application");
            });
  }

  /** Deletes the application's cluster objects; its rows stay. */
  public DeletionResult deleteResources(String appId) {
    return deleteResources(load(appId));
  }

  private DeletionResult deleteResources(StoredApplication app) {
    return deleter.delete(app, app.components().stream().map(ComponentRecord::name).toList());
  }

  /** The stored application with its components. */
  public StoredApplication load(String appId) {
    return new StoredApplication(record(appId), parts.store().listComponents(appId));
  }

  ApplicationRecord record(String appId) {
    return parts
        .store()
        .findApplication(appId)
        .orElseThrow(() -> new ApplicationNotFoundException(appId));
  }

  String defaultWorkflowId(String appId) {
    return defaultWorkflow(appId).map(WorkflowRecord::id).orElse(null);
  }

  /** The application's first (default) workflow, read from the store. */
  java.util.Optional<WorkflowRecord> defaultWorkflow(String appId) {
    java.util.Optional<WorkflowRecord> first =
        parts.store().listWorkflows(appId).stream().findFirst();
    first.ifPresentOrElse(known::listed, () -> known.forget(appId));
    return first;
  }

  /**
   * The application's first workflow as this instance last wrote or read it, without reading it;
   * empty when unknown, and always on a store that does not prefer batches (its listing is cheap).
   * It may have changed since: an exec's insert checks it.
   */
  java.util.Optional<WorkflowRecord> knownFirstWorkflow(String appId) {
    return known.firstWorkflow(appId);
  }

  /**
   * The inputs of a task of the application's first workflow as this instance last wrote them,
   * without reading them; empty when unknown. They may have changed since: an exec's insert checks
   * the application's {@code updatedAt}.
   */
  java.util.Optional<io.kubemin.internal.plan.PlanInputs> knownFirstWorkflowInputs(String appId) {
    return known.firstWorkflowInputs(appId);
  }

  /**
   * Notes config components a task completed on this instance marked running (see {@link
   * io.kubemin.internal.engine.ConfigsApplied}), so that a task started from the inputs known here
   * does not mark them again.
   */
  public void configsApplied(
      String appId, Instant applicationUpdatedAt, java.util.Set<String> componentNames) {
    known.configsApplied(appId, applicationUpdatedAt, componentNames);
  }

  /** Drops what {@link #knownFirstWorkflow} and {@link #knownFirstWorkflowInputs} know of it. */
  void forgetKnown(String appId) {
    known.forget(appId);
  }

  /** Drops what {@link #knownFirstWorkflowInputs} knows of it, keeping its first workflow. */
  void forgetKnownApplication(String appId) {
    known.forgetApplication(appId);
  }

  /**
   * What a create or replace wrote.
   *
   * @param revision the current revision number after it, 0 when the store keeps none
   */
  record Written(
      ApplicationRecord record,
      List<ComponentRecord> components,
      WorkflowRecord workflow,
      StoredApplication before,
      List<String> dropped,
      int revision) {
    String workflowId() {
      return workflow.id();
    }
  }
}
