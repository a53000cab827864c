package io.kubemin.internal.engine;

import io.kubemin.internal.app.ObjectDeleter;
import io.kubemin.internal.gc.Garbage;
import io.kubemin.internal.gc.GarbageScope;
import io.kubemin.internal.plan.StoredApplication;
import io.kubemin.spi.ApplicationRecord;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.spi.RenderedObject;
import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.JobStatus;
import io.kubemin.workflow.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last stage of a task whose steps all completed: deletes the application's garbage (objects
 * with its ownership labels that it no longer renders), highest band first, and records each
 * deletion as a job of the step {@value #STEP}. It works from what the cluster holds, so running it
 * again after a crash or a redelivery finds only what is left. It deletes nothing when the
 * application changed since the task was planned (the next task collects), and stops as soon as the
 * task is stopped or lost.
 */
final class GarbageCollector {
  /** The step name of the job records of deletions. */
  static final String STEP = "garbage-collection";

  private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);

  private final EngineParts parts;
  private final TaskExecution execution;

  GarbageCollector(EngineParts parts, TaskExecution execution) {
    this.parts = parts;
    this.execution = execution;
  }

  /** Collects; returns null when everything is gone, else what went wrong. */
  String collect(GarbageScope scope) {
    if (!scope.enabled()) {
      return null;
    }
    Garbage garbage;
    try {
      garbage = scope.find();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "garbage collection interrupted";
    } catch (RuntimeException e) {
      LOG.warn("garbage collection of task {} failed", execution.task().id(), e);
      return "garbage collection failed: " + e.getMessage();
    }
    if (garbage.toDelete().isEmpty()
        && garbage.keptClaims().isEmpty()
        && garbage.unreadable().isEmpty()) {
      // The usual outcome, on every completed task: nothing to delete, report or log.
      return null;
    }
    List<String> failed = new ArrayList<>();
    garbage.unreadable().forEach(k -> failed.add("cannot list " + k));
    if (!garbage.toDelete().isEmpty() && changedSincePlanned(scope.app())) {
      LOG.info(
          "task {}: application {} changed since the task started; its garbage is left to the"
              + " next task",
          execution.task().id(),
          scope.app().record().id());
      return report(failed);
    }
    ObjectDeleter deleter = scope.finder().deleter();
    List<String> deleted = new ArrayList<>();
    for (RenderedObject object : garbage.toDelete()) {
      if (!execution.ownsResult()
          || execution.stopReason() != null
          || !Leases.ensure(parts, execution)) {
        return "garbage collection stopped: " + execution.stopMessage();
      }
      Instant start = parts.now();
      ObjectDeleter.Deletion deletion = deleter.deleteObject(scope.app().record().id(), object);
      if (deletion.failure() != null) {
        failed.add(deletion.name() + " (" + deletion.failure() + ")");
        record(object, JobStatus.FAILED, "not deleted: " + deletion.failure(), start);
      } else if (deletion.deleted()) {
        deleted.add(deletion.name());
        record(object, JobStatus.COMPLETED, null, start);
      }
    }
    if (!deleted.isEmpty() || !garbage.keptClaims().isEmpty()) {
      LOG.info(
          "task {}: garbage collection deleted {}; kept claims {}",
          execution.task().id(),
          deleted,
          garbage.keptClaims().stream().map(RenderedObject::name).toList());
    }
    return report(failed);
  }

  private static String report(List<String> failed) {
    return failed.isEmpty() ? null : "garbage collection incomplete: " + String.join(", ", failed);
  }

  /** Whether the definition changed (component status and timestamps do not count). */
  private boolean changedSincePlanned(StoredApplication planned) {
    String appId = planned.record().id();
    ApplicationRecord now = parts.store().findApplication(appId).orElse(null);
    if (now == null || !now.namespace().equals(planned.record().namespace())) {
      return true;
    }
    return !definition(parts.store().listComponents(appId))
        .equals(definition(planned.components()));
  }

  private static List<Object> definition(List<ComponentRecord> components) {
    return components.stream()
        .map(c -> List.of(c.id(), c.name(), c.spec()))
        .map(Object.class::cast)
        .toList();
  }

  private void record(RenderedObject object, JobStatus status, String error, Instant start) {
    Task task = execution.task();
    try {
      parts
          .store()
          .insertJob(
              new JobRecord(
                  task.id(),
                  task.attempt(),
                  STEP,
                  object.componentName(),
                  object.name(),
                  object.kind(),
                  object.namespace(),
                  status,
                  error,
                  start,
                  parts.now()));
    } catch (RuntimeException e) {
      // The deletion happened; a lost record only hides it from the task's history.
      LOG.warn("could not record the deletion of {} for task {}", object.key(), task.id(), e);
    }
  }
}
