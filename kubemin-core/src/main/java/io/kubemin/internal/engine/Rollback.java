package io.kubemin.internal.engine;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemin.spi.JobExecutor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's {@code rollback_on_failure}: after a task ended failed, timed out or cancelled,
 * asks the executors to clean up every job that completed in this attempt, so that what the task
 * created is deleted again. Ingresses go first, ConfigMaps and Secrets last (highest band first;
 * inside a band, the latest job first). Objects that existed before the task are never touched:
 * cleanup deletes only what a run recorded as created.
 */
final class Rollback {
  private static final Logger LOG = LoggerFactory.getLogger(Rollback.class);
  private static final int LISTED_OBJECTS = 10;

  private final EngineParts parts;
  private final TaskExecution execution;

  Rollback(EngineParts parts, TaskExecution execution) {
    this.parts = parts;
    this.execution = execution;
  }

  /**
   * Cleans up the completed jobs.
   *
   * @return what was done, to append to the task's error; empty when nothing had been created
   */
  String run() {
    List<CompletedJob> jobs = order(execution.completedJobs());
    List<String> deleted = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (CompletedJob completed : jobs) {
      if (!execution.ownsResult()) {
        // Lost or handed back: the next owner runs the task again and decides.
        LOG.info("rollback of task {} stopped: {}", execution.task().id(), execution.stopMessage());
        break;
      }
      undo(completed, deleted, failed);
    }
    if (deleted.isEmpty() && failed.isEmpty()) {
      return "";
    }
    LOG.info(
        "rolled back task {}: cleaned up {}; failed: {}", execution.task().id(), deleted, failed);
    StringBuilder note = new StringBuilder("; rollback_on_failure: cleaned up ");
    note.append(list(deleted));
    if (!failed.isEmpty()) {
      note.append("; rollback incomplete: ").append(String.join(", ", failed));
    }
    return note.toString();
  }

  /** Highest band first; inside a band, the reverse of the order the jobs completed in. */
  static List<CompletedJob> order(List<CompletedJob> completed) {
    List<CompletedJob> reversed = new ArrayList<>(completed);
    Collections.reverse(reversed);
    reversed.sort(Comparator.comparingInt((CompletedJob c) -> c.job().kind().band()).reversed());
    return reversed.stream().filter(c -> !c.context().createdObjects().isEmpty()).toList();
  }

  private void undo(CompletedJob completed, List<String> deleted, List<String> failed) {
    JobExecutor executor = parts.executors().forKind(completed.job().kind()).orElse(null);
    if (executor == null) {
      return;
    }
    List<String> objects =
        completed.context().createdObjects().stream().map(Rollback::describe).toList();
    try {
      executor.cleanup(completed.job(), completed.context());
      deleted.addAll(objects);
    } catch (RuntimeException e) {
      LOG.warn("rollback: cleanup of job {} failed", completed.job().describe(), e);
      failed.add(completed.job().describe() + " (" + e.getMessage() + ")");
    }
  }

  private static String describe(HasMetadata object) {
    String namespace = object.getMetadata().getNamespace();
    return object.getKind()
        + "/"
        + (namespace == null ? "" : namespace + "/")
        + object.getMetadata().getName();
  }

  private static String list(List<String> objects) {
    if (objects.size() <= LISTED_OBJECTS) {
      return objects.size() + " created object(s) " + objects;
    }
    return objects.size()
        + " created objects "
        + objects.subList(0, LISTED_OBJECTS)
        + " and "
        + (objects.size() - LISTED_OBJECTS)
        + " more";
  }
}
