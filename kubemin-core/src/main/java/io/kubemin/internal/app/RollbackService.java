package io.kubemin.internal.app;

import io.kubemin.DeletionResult;
import io.kubemin.EmptyWorkflowException;
import io.kubemin.ExecOptions;
import io.kubemin.RollbackResult;
import io.kubemin.internal.gc.Garbage;
import io.kubemin.internal.gc.GarbageFinder;
import io.kubemin.internal.plan.StoredApplication;
import io.kubemin.model.Application;
import io.kubemin.spi.RevisionRecord;
import io.kubemin.validation.TextLimits;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rollback to a revision: the revision's definition (components with traits, workflow, version)
 * becomes current again as a new revision, the objects the current definition renders and the old
 * one does not are deleted, and a task deploys it (queued behind an active one).
 */
public final class RollbackService {
  private static final Logger LOG = LoggerFactory.getLogger(RollbackService.class);

  private final ApplicationService apps;
  private final TaskService tasks;
  private final GarbageFinder garbage;

  public RollbackService(ApplicationService apps, TaskService tasks, GarbageFinder garbage) {
    this.apps = apps;
    this.tasks = tasks;
    this.garbage = garbage;
  }

  public RollbackResult rollback(String appId, int number, String user) {
    TextLimits.require(TextLimits.SHORT_TEXT, "user", user);
    String author = user == null || user.isBlank() ? Revisions.SYSTEM : user;
    RevisionRecord target = apps.revisions().get(appId, number);
    List<RevisionRecord> all = apps.revisions().list(appId);
    int from = all.isEmpty() ? 0 : all.get(all.size() - 1).number();
    StoredApplication before = apps.load(appId);
    Application definition =
        before.toModel(target.workflow()).toBuilder()
            .version(target.version())
            .components(target.components())
            .build();
    ApplicationService.Written written =
        apps.write(definition, author, "rolled back from " + from + " to " + number);
    DeletionResult deletion = deleteLeftovers(before, apps.load(appId));
    if (!deletion.complete()) {
      LOG.warn(
          "rolling application {} back to revision {}: objects not deleted: {}",
          appId,
          number,
          deletion.failedResources());
    }
    String taskId;
    try {
      taskId = tasks.exec(appId, ExecOptions.queueBehind());
    } catch (EmptyWorkflowException e) {
      taskId = null;
    }
    LOG.info(
        "application {} rolled back from revision {} to {} by {}: now revision {}, task {}",
        appId,
        from,
        number,
        author,
        written.revision(),
        taskId);
    return new RollbackResult(appId, from, number, written.revision(), taskId, deletion);
  }

  /**
   * Deletes, highest band first, what the definition before the rollback rendered and the target
   * does not, and any other garbage of the application: the same finder and deletion path as the
   * garbage collection after each deploy (claims kept unless the policy deletes them).
   */
  private DeletionResult deleteLeftovers(StoredApplication before, StoredApplication after) {
    String appId = after.record().id();
    Garbage leftovers;
    try {
      leftovers = garbage.afterChange(before, after);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new DeletionResult(appId, List.of(), List.of("*: interrupted"));
    } catch (RuntimeException e) {
      return new DeletionResult(
          appId, List.of(), List.of("*: rendering failed: " + e.getMessage()));
    }
    DeletionResult result = garbage.deleter().deleteAll(appId, leftovers.toDelete());
    if (leftovers.unreadable().isEmpty()) {
      return result;
    }
    List<String> failed = new ArrayList<>(result.failedResources());
    leftovers.unreadable().forEach(k -> failed.add("cannot list " + k));
    return new DeletionResult(appId, result.deletedResources(), failed);
  }
}
