package io.kubemin.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemin.Ids;
import io.kubemin.model.Component;
import io.kubemin.model.Step;
import io.kubemin.model.StepMode;
import io.kubemin.testing.UpstreamExamples;
import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.JobStatus;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.TaskSuspension;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link DataStore} must have. Each implementation's test extends this class
 * and supplies a fresh, empty store.
 */
public abstract class DataStoreContract {
  /** Instants as stores keep them: millisecond precision. */
  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  protected DataStore store;

  /** A fresh, empty store; closed after each test. */
  protected abstract DataStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  protected static ApplicationRecord app(String id, Instant updatedAt) {
    return new ApplicationRecord(
        id,
        "app-" + id.substring(0, 4),
        "default",
        "1.0.0",
        "alias",
        "proj",
        "desc",
        "icon",
        true,
        true,
        T0,
        updatedAt);
  }

  protected static ComponentRecord component(String appId, int ordinal, Component spec) {
    return new ComponentRecord(
        Ids.newId(), appId, ordinal, spec, ComponentStatus.UNKNOWN, 0, T0, T0);
  }

  protected static Component web(String name) {
    return Component.builder()
        .name(name)
        .type("webservice")
        .image("nginx:1.27")
        .replicas(2)
        .build();
  }

  protected static Task waitingTask(String appId, Instant createdAt) {
    return Task.waiting(Ids.newId(), appId, "wf", "app-workflow", createdAt);
  }

  @Test
  void applicationsArePutFoundListedAndReplaced() {
    ApplicationRecord first = app(Ids.newId(), T0);
    ApplicationRecord second = app(Ids.newId(), T0.plusSeconds(5));
    store.putApplication(first);
    store.putApplication(second);

    assertThat(store.findApplication(first.id())).contains(first);
    assertThat(store.listApplications()).containsExactly(second, first);

    ApplicationRecord renamed =
        new ApplicationRecord(
            first.id(),
            "renamed",
            "ns2",
            "2.0.0",
            "",
            "",
            "",
            "",
            false,
            false,
            T0,
            T0.plusSeconds(9));
    store.putApplication(renamed);
    assertThat(store.findApplication(first.id())).contains(renamed);
    assertThat(store.findApplication("nope")).isEmpty();
  }

  @Test
  void applicationsAreCountedAndPagedNewestFirst() {
    List<ApplicationRecord> apps = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ApplicationRecord app = app(Ids.newId(), T0.plusSeconds(i));
      store.putApplication(app);
      apps.add(0, app);
    }

    assertThat(store.countApplications()).isEqualTo(5);
    assertThat(store.listApplications(0, 2)).containsExactly(apps.get(0), apps.get(1));
    assertThat(store.listApplications(2, 2)).containsExactly(apps.get(2), apps.get(3));
    assertThat(store.listApplications(4, 10)).containsExactly(apps.get(4));
    assertThat(store.listApplications(5, 10)).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.listApplications(-1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void zeroFalseAndEmptyValuesArePersisted() {
    ApplicationRecord app = app(Ids.newId(), T0);
    store.putApplication(app);
    ApplicationRecord cleared =
        new ApplicationRecord(
            app.id(), app.name(), "default", "", "", "", "", "", false, false, T0, T0);
    store.putApplication(cleared);
    ComponentRecord component = component(app.id(), 0, web("web"));
    store.putComponent(component);
    store.updateComponentStatus(component.id(), ComponentStatus.RUNNING, 3, T0);
    store.updateComponentStatus(component.id(), ComponentStatus.FAILED, 0, T0);

    assertThat(store.findApplication(app.id())).contains(cleared);
    ComponentRecord stored = store.listComponents(app.id()).get(0);
    assertThat(stored.status()).isEqualTo(ComponentStatus.FAILED);
    assertThat(stored.readyReplicas()).isZero();
  }

  @Test
  void componentSpecsRoundTripWithEveryTrait() {
    ApplicationRecord app = app(Ids.newId(), T0);
    store.putApplication(app);
    List<Component> specs = new ArrayList<>();
    for (var file : UpstreamExamples.applications()) {
      specs.addAll(io.kubemin.model.ModelCodec.readApplication(file).value().components());
    }
    for (int i = 0; i < specs.size(); i++) {
      store.putComponent(component(app.id(), i, specs.get(i)));
    }

    assertThat(store.listComponents(app.id()))
        .extracting(ComponentRecord::spec)
        .containsExactlyElementsOf(specs);
  }

  @Test
  void componentsAreListedByOrdinalAndDeleted() {
    String appId = Ids.newId();
    store.putApplication(app(appId, T0));
    ComponentRecord b = component(appId, 1, web("b"));
    ComponentRecord a = component(appId, 0, web("a"));
    store.putComponent(b);
    store.putComponent(a);

    assertThat(store.listComponents(appId))
        .extracting(ComponentRecord::name)
        .containsExactly("a", "b");
    assertThat(store.deleteComponent(a.id())).isTrue();
    assertThat(store.deleteComponent(a.id())).isFalse();
    assertThat(store.listComponents(appId)).extracting(ComponentRecord::name).containsExactly("b");
    assertThat(store.updateComponentStatus("missing", ComponentStatus.RUNNING, 1, T0)).isFalse();
  }

  @Test
  void workflowsKeepTheirSteps() {
    String appId = Ids.newId();
    store.putApplication(app(appId, T0));
    Step step =
        Step.builder()
            .name("deploy")
            .mode(StepMode.DAG)
            .components("a", "b")
            .dependsOn(List.of("config"))
            .timeout("90s")
            .subSteps(List.of(Step.builder().name("inner").components("c").build()))
            .build();
    WorkflowRecord workflow =
        new WorkflowRecord(Ids.newId(), appId, "app-workflow", "alias", List.of(step), T0, T0);
    store.putWorkflow(workflow);

    assertThat(store.findWorkflow(workflow.id())).contains(workflow);
    assertThat(store.listWorkflows(appId)).containsExactly(workflow);
  }

  @Test
  void theWorkflowsOfManyApplicationsAreListedEachApplicationsOldestFirst() {
    String first = Ids.newId();
    String second = Ids.newId();
    String without = Ids.newId();
    Step step = Step.builder().name("deploy").components("web").build();
    WorkflowRecord newer =
        new WorkflowRecord(Ids.newId(), first, "newer", null, List.of(step), T0.plusSeconds(5), T0);
    WorkflowRecord older =
        new WorkflowRecord(Ids.newId(), first, "older", null, List.of(step), T0, T0);
    WorkflowRecord ofSecond =
        new WorkflowRecord(Ids.newId(), second, "only", null, List.of(step), T0, T0);
    store.putWorkflow(newer);
    store.putWorkflow(older);
    store.putWorkflow(ofSecond);
    store.putWorkflow(
        new WorkflowRecord(Ids.newId(), Ids.newId(), "other", null, List.of(), T0, T0));

    List<WorkflowRecord> listed = store.listWorkflows(List.of(second, first, without, first));

    assertThat(listed).containsExactlyInAnyOrder(older, newer, ofSecond);
    assertThat(listed.stream().filter(w -> w.appId().equals(first)).toList())
        .containsExactly(older, newer);
    assertThat(store.listWorkflows(List.of())).isEmpty();
  }

  @Test
  void deletingAnApplicationDeletesEverythingItOwns() {
    String appId = Ids.newId();
    store.putApplication(app(appId, T0));
    store.putComponent(component(appId, 0, web("web")));
    store.putWorkflow(new WorkflowRecord(Ids.newId(), appId, "wf", null, List.of(), T0, T0));
    Task task = waitingTask(appId, T0);
    store.insertTask(task, 0);
    store.insertJob(job(task.id(), "web", JobStatus.COMPLETED));

    assertThat(store.deleteApplication(appId)).isTrue();

    assertThat(store.findApplication(appId)).isEmpty();
    assertThat(store.listComponents(appId)).isEmpty();
    assertThat(store.listWorkflows(appId)).isEmpty();
    assertThat(store.findTask(task.id())).isEmpty();
    assertThat(store.listJobs(task.id())).isEmpty();
    assertThat(store.deleteApplication(appId)).isFalse();
  }

  @Test
  void aFailedTransactionWritesNothing() {
    String appId = Ids.newId();
    ApplicationRecord original = app(appId, T0);
    store.putApplication(original);

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.putApplication(app(appId, T0.plusSeconds(1)));
                      tx.putComponent(component(appId, 0, web("web")));
                      tx.putWorkflow(
                          new WorkflowRecord(Ids.newId(), appId, "wf", null, List.of(), T0, T0));
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");

    assertThat(store.findApplication(appId)).contains(original);
    assertThat(store.listComponents(appId)).isEmpty();
    assertThat(store.listWorkflows(appId)).isEmpty();
  }

  @Test
  void anExecLikeTransactionWritesAllOrNothing() {
    String appId = Ids.newId();
    store.putApplication(app(appId, T0));
    store.insertRevision(revision(appId, 1, "nginx:1"));
    Task failed = waitingTask(appId, T0);

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      assertThat(tx.lockApplication(appId)).isTrue();
                      assertThat(tx.insertTask(failed, 1)).isTrue();
                      tx.recordTaskRevision(failed.id(), appId);
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(store.listTasks(appId)).isEmpty();
    assertThat(store.findTaskRevision(failed.id())).isEmpty();

    Task task = waitingTask(appId, T0.plusSeconds(1));
    boolean inserted =
        store.inTransaction(
            tx -> {
              assertThat(tx.lockApplication(appId)).isTrue();
              boolean added = tx.insertTask(task, 1);
              tx.recordTaskRevision(task.id(), appId);
              return added;
            });
    assertThat(inserted).isTrue();
    assertThat(store.listTasks(appId)).containsExactly(task);
    assertThat(store.findTaskRevision(task.id())).contains(1);
    boolean missingLocked = store.inTransaction(tx -> tx.lockApplication("missing"));
    assertThat(missingLocked).isFalse();
    boolean secondInserted =
        store.inTransaction(
            tx -> tx.lockApplication(appId) && tx.insertTask(waitingTask(appId, T0), 1));
    assertThat(secondInserted).isFalse();
  }

  @Test
  void anExecsInsertWritesTheTaskItsTraceAndRevisionOrNothing() {
    String appId = Ids.newId();
    store.putApplication(app(appId, T0));
    store.insertRevision(revision(appId, 1, "nginx:1"));
    store.insertRevision(revision(appId, 2, "nginx:2"));
    String context = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    Task task = waitingTask(appId, T0);

    assertThat(store.insertTaskOfApplication(task, 1, context)).isEqualTo(TaskInsertion.INSERTED);
    assertThat(store.findTask(task.id())).contains(task);
    assertThat(store.findTaskRevision(task.id())).contains(2);
    assertThat(store.findTraceContexts(List.of(task.id())))
        .containsExactly(java.util.Map.entry(task.id(), context));

    Task overLimit = waitingTask(appId, T0.plusMillis(1));
    assertThat(store.insertTaskOfApplication(overLimit, 1, context))
        .isEqualTo(TaskInsertion.LIMIT_REACHED);
    assertThat(store.findTask(overLimit.id())).isEmpty();
    assertThat(store.findTaskRevision(overLimit.id())).isEmpty();
    assertThat(store.findTraceContexts(List.of(overLimit.id()))).isEmpty();

    Task unlimited = waitingTask(appId, T0.plusMillis(2));
    assertThat(store.insertTaskOfApplication(unlimited, 0, null)).isEqualTo(TaskInsertion.INSERTED);
    assertThat(store.findTraceContexts(List.of(unlimited.id()))).isEmpty();
    assertThat(store.findTaskRevision(unlimited.id())).contains(2);

    String noRevisions = Ids.newId();
    store.putApplication(app(noRevisions, T0));
    Task firstOfItsApp = waitingTask(noRevisions, T0);
    assertThat(store.insertTaskOfApplication(firstOfItsApp, 1, null))
        .isEqualTo(TaskInsertion.INSERTED);
    assertThat(store.findTaskRevision(firstOfItsApp.id())).isEmpty();

    Task orphan = waitingTask("missing-" + Ids.newId(), T0);
    assertThat(store.insertTaskOfApplication(orphan, 1, context))
        .isEqualTo(TaskInsertion.APPLICATION_MISSING);
    assertThat(store.findTask(orphan.id())).isEmpty();

    assertThatThrownBy(() -> store.insertTaskOfApplication(task, 0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(task.id());
    assertThat(store.listTasks(appId)).containsExactlyInAnyOrder(task, unlimited);
    assertThat(store.findTaskRevision(task.id())).contains(2);
  }

  @Test
  void aBatchOfExecsWritesEachAsItsOwnExecWouldOrNothing() {
    String appId = Ids.newId();
    store.putApplication(app(appId, T0));
    store.insertRevision(revision(appId, 1, "nginx:1"));
    String other = Ids.newId();
    store.putApplication(app(other, T0));
    String context = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    Task first = waitingTask(appId, T0);
    Task overLimit = waitingTask(appId, T0.plusMillis(1));
    Task unlimited = waitingTask(appId, T0.plusMillis(2));
    Task ofOther = waitingTask(other, T0);
    Task orphan = waitingTask("missing-" + Ids.newId(), T0);

    List<TaskInsertion> insertions =
        store.insertTasksOfApplications(
            List.of(
                new NewTask(ofOther, 1, null),
                new NewTask(first, 1, context),
                new NewTask(orphan, 1, null),
                new NewTask(overLimit, 1, context),
                new NewTask(unlimited, 0, null)));

    assertThat(insertions)
        .containsExactly(
            TaskInsertion.INSERTED,
            TaskInsertion.INSERTED,
            TaskInsertion.APPLICATION_MISSING,
            TaskInsertion.LIMIT_REACHED,
            TaskInsertion.INSERTED);
    assertThat(store.listTasks(appId)).containsExactlyInAnyOrder(first, unlimited);
    assertThat(store.listTasks(other)).containsExactly(ofOther);
    assertThat(store.findTask(orphan.id())).isEmpty();
    assertThat(store.findTaskRevision(first.id())).contains(1);
    assertThat(store.findTaskRevision(unlimited.id())).contains(1);
    assertThat(store.findTaskRevision(ofOther.id())).isEmpty();
    assertThat(store.findTaskRevision(overLimit.id())).isEmpty();
    assertThat(store.findTraceContexts(List.of(first.id(), overLimit.id(), unlimited.id())))
        .containsExactly(java.util.Map.entry(first.id(), context));

    Task fresh = waitingTask(other, T0.plusMillis(3));
    assertThatThrownBy(
            () ->
                store.insertTasksOfApplications(
                    List.of(new NewTask(fresh, 0, null), new NewTask(first, 0, null))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.findTask(fresh.id())).as("nothing of a failed batch is written").isEmpty();
    assertThat(store.findTaskRevision(fresh.id())).isEmpty();
    assertThat(store.listTasks(appId)).containsExactlyInAnyOrder(first, unlimited);
  }

  @Test
  void aFailedTransactionUndoesTaskJobAndDeleteWrites() {
    String appId = Ids.newId();
    store.putApplication(app(appId, T0));
    store.putComponent(component(appId, 0, web("web")));
    Task task = waitingTask(appId, T0);
    store.insertTask(task, 0);
    store.insertJob(job(task.id(), "first", JobStatus.COMPLETED));

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.compareAndSet(
                          task.id(), TaskStatus.WAITING, 1, task.withStatus(TaskStatus.QUEUED, T0));
                      tx.insertJob(job(task.id(), "second", JobStatus.FAILED));
                      tx.insertTask(waitingTask(appId, T0.plusSeconds(1)), 0);
                      tx.deleteApplication(appId);
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");

    assertThat(store.findApplication(appId)).isPresent();
    assertThat(store.listComponents(appId)).hasSize(1);
    assertThat(store.listTasks(appId)).containsExactly(task);
    assertThat(store.listTasksByStatus(TaskStatus.WAITING, 10)).contains(task);
    assertThat(store.listTasksByStatus(TaskStatus.QUEUED, 10)).doesNotContain(task);
    assertThat(store.listJobs(task.id())).extracting(JobRecord::name).containsExactly("first");
  }

  /** A task of the app created at {@code T0 + minute} that ended (completed) a second later. */
  private Task endedTask(String appId, int minute) {
    Task waiting = waitingTask(appId, T0.plusSeconds(60L * minute));
    store.insertTask(waiting, 0);
    Task ended = waiting.withStatus(TaskStatus.COMPLETED, waiting.createdAt().plusSeconds(1));
    assertThat(store.compareAndSet(waiting.id(), TaskStatus.WAITING, 1, ended)).isTrue();
    store.insertJob(job(waiting.id(), "web", JobStatus.COMPLETED));
    return store.findTask(waiting.id()).orElseThrow();
  }

  @Test
  void purgingKeepsTheNewestEndedTasksByCountAndNeverActiveOnes() {
    String appId = Ids.newId();
    String otherApp = Ids.newId();
    List<Task> ended = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ended.add(endedTask(appId, i));
    }
    Task active = waitingTask(appId, T0);
    store.insertTask(active, 0);
    Task other = endedTask(otherApp, 0);

    assertThat(store.purgeEndedTasks(appId, 2, null, 2)).isEqualTo(2);
    assertThat(store.purgeEndedTasks(appId, 2, null, 100)).isEqualTo(1);
    assertThat(store.purgeEndedTasks(appId, 2, null, 100)).isZero();

    assertThat(store.listTasks(appId))
        .extracting(Task::id)
        .containsExactlyInAnyOrder(ended.get(4).id(), ended.get(3).id(), active.id());
    assertThat(store.listJobs(ended.get(0).id())).isEmpty();
    assertThat(store.listJobs(ended.get(4).id())).hasSize(1);
    assertThat(store.findTask(other.id())).isPresent();
  }

  @Test
  void purgingRemovesTasksThatEndedBeforeTheCutOff() {
    String appId = Ids.newId();
    Task old = endedTask(appId, 0);
    Task recent = endedTask(appId, 10);

    assertThat(store.purgeEndedTasks(appId, Integer.MAX_VALUE, T0.plusSeconds(300), 100))
        .isEqualTo(1);

    assertThat(store.findTask(old.id())).isEmpty();
    assertThat(store.listJobs(old.id())).isEmpty();
    assertThat(store.findTask(recent.id())).isPresent();
    assertThat(store.listTasksByStatus(TaskStatus.COMPLETED, 10))
        .extracting(Task::id)
        .doesNotContain(old.id());
  }

  @Test
  void aSuccessfulTransactionWritesEverything() {
    String appId = Ids.newId();
    String result =
        store.inTransaction(
            tx -> {
              tx.putApplication(app(appId, T0));
              tx.putComponent(component(appId, 0, web("web")));
              return tx.inTransaction(inner -> "nested-ok");
            });

    assertThat(result).isEqualTo("nested-ok");
    assertThat(store.findApplication(appId)).isPresent();
    assertThat(store.listComponents(appId)).hasSize(1);
  }

  @Test
  void insertTaskHonoursTheActiveLimitPerApplication() {
    String appId = Ids.newId();
    store.putApplication(app(appId, T0));
    Task first = waitingTask(appId, T0);

    assertThat(store.insertTask(first, 1)).isTrue();
    assertThat(store.insertTask(waitingTask(appId, T0.plusMillis(1)), 1)).isFalse();
    assertThat(store.insertTask(waitingTask(appId, T0.plusMillis(2)), 0)).isTrue();

    store.compareAndSet(
        first.id(), TaskStatus.WAITING, 1, first.withStatus(TaskStatus.CANCELLED, T0));
    assertThat(store.insertTask(waitingTask(appId, T0.plusMillis(3)), 2)).isTrue();
    assertThat(store.listTasks(appId)).hasSize(3);
  }

  @Test
  void aTasksTraceContextIsStoredWithItKeptByStateWritesAndDeletedWithIt() {
    String appId = Ids.newId();
    store.putApplication(app(appId, T0));
    Task traced = waitingTask(appId, T0);
    Task untraced = waitingTask(appId, T0.plusMillis(1));
    String context = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    store.inTransaction(
        tx -> {
          tx.insertTask(traced, 0);
          tx.putTraceContext(traced.id(), context);
          return null;
        });
    store.insertTask(untraced, 0);
    store.putTraceContext("no-such-task", context);
    store.compareAndSet(
        traced.id(), TaskStatus.WAITING, 1, traced.withStatus(TaskStatus.QUEUED, T0));

    assertThat(store.findTraceContexts(List.of(traced.id(), untraced.id(), "no-such-task")))
        .containsExactly(java.util.Map.entry(traced.id(), context));
    assertThat(store.findTraceContexts(List.of())).isEmpty();
    assertThatThrownBy(() -> store.putTraceContext(traced.id(), "x".repeat(65)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("traceparent must be at most 64 characters");

    store.deleteApplication(appId);
    assertThat(store.findTraceContexts(List.of(traced.id()))).isEmpty();
  }

  @Test
  void compareAndSetIsFencedByStatusAndAttempt() {
    String appId = Ids.newId();
    Task task = waitingTask(appId, T0);
    store.insertTask(task, 0);
    Task queued = task.withStatus(TaskStatus.QUEUED, T0.plusSeconds(1));

    assertThat(store.compareAndSet(task.id(), TaskStatus.RUNNING, 1, queued)).isFalse();
    assertThat(store.compareAndSet(task.id(), TaskStatus.WAITING, 2, queued)).isFalse();
    assertThat(store.compareAndSet(task.id(), TaskStatus.WAITING, 1, queued)).isTrue();
    assertThat(store.compareAndSet(task.id(), TaskStatus.WAITING, 1, queued)).isFalse();

    Instant lease = T0.plusSeconds(30);
    Task running =
        queued
            .withStatus(TaskStatus.RUNNING, T0.plusSeconds(2))
            .withLease("worker-1", lease)
            .withStart(T0.plusSeconds(2), T0.plusSeconds(600))
            .withAttempt(1);
    assertThat(store.compareAndSet(task.id(), TaskStatus.QUEUED, 1, running)).isTrue();

    Task stored = store.findTask(task.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(stored.owner()).isEqualTo("worker-1");
    assertThat(stored.leaseUntil()).isEqualTo(lease);
    assertThat(stored.startedAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(stored.deadline()).isEqualTo(T0.plusSeconds(600));
    assertThat(stored.createdAt()).isEqualTo(T0);
  }

  @Test
  void cancelRequestsSurviveStateWritesAndEndedTasksRefuseThem() {
    Task task = waitingTask(Ids.newId(), T0);
    store.insertTask(task, 0);
    Task queued = task.withStatus(TaskStatus.QUEUED, T0);
    store.compareAndSet(task.id(), TaskStatus.WAITING, 1, queued);

    assertThat(store.requestCancel(task.id(), "alice", "wrong version", T0)).isTrue();
    // A worker writing its own (stale) view must not erase the request.
    store.compareAndSet(task.id(), TaskStatus.QUEUED, 1, queued.withStatus(TaskStatus.RUNNING, T0));

    Task stored = store.findTask(task.id()).orElseThrow();
    assertThat(stored.cancelRequested()).isTrue();
    assertThat(stored.cancelledBy()).isEqualTo("alice");
    assertThat(stored.cancelReason()).isEqualTo("wrong version");

    store.compareAndSet(
        task.id(), TaskStatus.RUNNING, 1, stored.withStatus(TaskStatus.CANCELLED, T0));
    assertThat(store.requestCancel(task.id(), "bob", "again", T0)).isFalse();
    assertThat(store.requestCancel("missing", "bob", "again", T0)).isFalse();
  }

  @Test
  void waitingTasksAreListedOldestFirst() {
    String appId = Ids.newId();
    Task late = waitingTask(appId, T0.plusSeconds(10));
    Task early = waitingTask(appId, T0);
    Task middle = waitingTask(appId, T0.plusSeconds(5));
    store.insertTask(late, 0);
    store.insertTask(early, 0);
    store.insertTask(middle, 0);
    store.compareAndSet(
        middle.id(), TaskStatus.WAITING, 1, middle.withStatus(TaskStatus.QUEUED, T0));

    assertThat(store.listTasksByStatus(TaskStatus.WAITING, 10))
        .extracting(Task::id)
        .containsExactly(early.id(), late.id());
    assertThat(store.listTasksByStatus(TaskStatus.WAITING, 1))
        .extracting(Task::id)
        .containsExactly(early.id());
    assertThat(store.listTasksByStatus(TaskStatus.QUEUED, 10))
        .extracting(Task::id)
        .containsExactly(middle.id());
    assertThat(store.listTasks(appId))
        .extracting(Task::id)
        .containsExactly(late.id(), middle.id(), early.id());
  }

  @Test
  void expiredLeasesAreFound() {
    String appId = Ids.newId();
    Task expired = running(waitingTask(appId, T0), T0.plusSeconds(10));
    Task alive = running(waitingTask(appId, T0), T0.plusSeconds(100));

    List<Task> found = store.listExpiredLeases(T0.plusSeconds(50), 10);

    assertThat(found).extracting(Task::id).containsExactly(expired.id());
    assertThat(alive.leaseUntil()).isAfter(T0.plusSeconds(50));
  }

  private Task running(Task task, Instant leaseUntil) {
    store.insertTask(task, 0);
    Task next = task.withStatus(TaskStatus.RUNNING, T0).withLease("w", leaseUntil);
    assertThat(store.compareAndSet(task.id(), TaskStatus.WAITING, 1, next)).isTrue();
    return next;
  }

  @Test
  void jobsAreListedInInsertionOrder() {
    Task task = waitingTask(Ids.newId(), T0);
    store.insertTask(task, 0);
    JobRecord config = job(task.id(), "config", JobStatus.COMPLETED);
    JobRecord web = job(task.id(), "web", JobStatus.FAILED);
    store.insertJob(config);
    store.insertJob(web);

    assertThat(store.listJobs(task.id())).containsExactly(config, web);
  }

  @Test
  void anAppliedConfigComponentIsMarkedRunningOnceAndAWorkloadIsNeverMarked() {
    ApplicationRecord app = app(Ids.newId(), T0);
    store.putApplication(app);
    Component settings =
        Component.builder()
            .name("settings")
            .type("config")
            .properties(
                io.kubemin.model.Properties.builder().conf(java.util.Map.of("k", "v")).build())
            .build();
    store.putComponent(component(app.id(), 0, settings));
    store.putComponent(component(app.id(), 1, web("web")));

    assertThat(store.markConfigApplied(app.id(), "settings", T0.plusSeconds(1))).isTrue();
    assertThat(store.markConfigApplied(app.id(), "settings", T0.plusSeconds(2))).isFalse();
    assertThat(store.markConfigApplied(app.id(), "web", T0.plusSeconds(3))).isFalse();

    assertThat(store.listComponents(app.id()))
        .extracting(ComponentRecord::name, ComponentRecord::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("settings", ComponentStatus.RUNNING),
            org.assertj.core.groups.Tuple.tuple("web", ComponentStatus.UNKNOWN));
  }

  @Test
  void jobsOfEveryKindReadBackWithTheirKind() {
    Task task = waitingTask(Ids.newId(), T0);
    store.insertTask(task, 0);
    List<JobKind> kinds = new ArrayList<>(JobKind.values());
    kinds.add(JobKind.custom("monitoring.coreos.com", "v1", "ServiceMonitor", true, 30));
    kinds.add(JobKind.custom("", "v1", "LimitRange", true, 1));
    // longer than the 64 characters the built-in names needed (Crossplane's kinds are)
    kinds.add(
        JobKind.custom(
            "ec2.aws.upbound.io", "v1beta1", "VPCEndpointSecurityGroupAssociation", true, 10));
    List<JobRecord> written = new ArrayList<>();
    for (JobKind kind : kinds) {
      JobRecord record = job(task.id(), "j-" + written.size(), JobStatus.COMPLETED);
      written.add(
          new JobRecord(
              record.taskId(),
              record.attempt(),
              record.stepName(),
              record.componentName(),
              record.name(),
              kind,
              record.namespace(),
              record.status(),
              record.error(),
              record.startedAt(),
              record.finishedAt()));
      store.insertJob(written.get(written.size() - 1));
    }

    List<JobRecord> read = store.listJobs(task.id());

    assertThat(read).containsExactlyElementsOf(written);
    assertThat(read.stream().map(r -> r.kind().name()))
        .containsExactlyElementsOf(kinds.stream().map(JobKind::name).toList());
  }

  protected static JobRecord job(String taskId, String name, JobStatus status) {
    return new JobRecord(
        taskId,
        1,
        "step",
        name,
        name,
        JobKind.DEPLOYMENT,
        "default",
        status,
        status == JobStatus.FAILED ? "image pull failed" : null,
        T0,
        T0.plus(1500, ChronoUnit.MILLIS));
  }

  @Test
  void concurrentClaimsHaveExactlyOneWinner() throws Exception {
    Task task = waitingTask(Ids.newId(), T0);
    store.insertTask(task, 0);
    int contenders = 8;
    ExecutorService pool = Executors.newFixedThreadPool(contenders);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < contenders; i++) {
        String owner = "worker-" + i;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return store.compareAndSet(
                      task.id(),
                      TaskStatus.WAITING,
                      1,
                      task.withStatus(TaskStatus.QUEUED, T0).withLease(owner, T0));
                }));
      }
      start.countDown();
      int winners = 0;
      for (Future<Boolean> result : results) {
        winners += result.get(10, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aBatchAppliesEachChangeAsItsOwnCompareAndSet() {
    List<Task> tasks = insertWaitingTasks(3);
    Instant now = T0.plusSeconds(5);
    Task firstQueued = tasks.get(0).withStatus(TaskStatus.QUEUED, now);
    Task firstRunning =
        firstQueued.withStatus(TaskStatus.RUNNING, now).withLease("w", now.plusSeconds(30));
    JobRecord record = job(tasks.get(0).id(), "config", JobStatus.COMPLETED);

    List<Boolean> matched =
        store.writeBatch(
            List.of(
                TaskChange.of(tasks.get(0), firstQueued),
                new TaskChange(
                    TaskStatus.WAITING, 7, tasks.get(1).withStatus(TaskStatus.QUEUED, now)),
                TaskChange.of(tasks.get(2), tasks.get(2).withStatus(TaskStatus.CANCELLED, now)),
                TaskChange.of(firstQueued, firstRunning)),
            List.of(record));

    assertThat(matched).containsExactly(true, false, true, true);
    assertThat(store.findTask(tasks.get(0).id()).orElseThrow().status())
        .isEqualTo(TaskStatus.RUNNING);
    assertThat(store.findTask(tasks.get(0).id()).orElseThrow().owner()).isEqualTo("w");
    assertThat(store.findTask(tasks.get(1).id()).orElseThrow().status())
        .isEqualTo(TaskStatus.WAITING);
    assertThat(store.findTask(tasks.get(2).id()).orElseThrow().status())
        .isEqualTo(TaskStatus.CANCELLED);
    assertThat(store.listJobs(tasks.get(0).id())).containsExactly(record);
  }

  @Test
  void aBatchWithAStaleChangeStillWritesItsOtherChangesAndJobRecords() {
    List<Task> tasks = insertWaitingTasks(3);
    Instant now = T0.plusSeconds(5);
    List<JobRecord> records =
        List.of(
            job(tasks.get(0).id(), "config", JobStatus.COMPLETED),
            job(tasks.get(1).id(), "config", JobStatus.COMPLETED));

    List<Boolean> matched =
        store.writeBatch(
            List.of(
                TaskChange.of(tasks.get(0), tasks.get(0).withStatus(TaskStatus.QUEUED, now)),
                new TaskChange(
                    TaskStatus.QUEUED, 1, tasks.get(1).withStatus(TaskStatus.RUNNING, now)),
                TaskChange.of(tasks.get(2), tasks.get(2).withStatus(TaskStatus.CANCELLED, now))),
            records);

    assertThat(matched).containsExactly(true, false, true);
    assertThat(tasks)
        .map(t -> store.findTask(t.id()).orElseThrow().status())
        .containsExactly(TaskStatus.QUEUED, TaskStatus.WAITING, TaskStatus.CANCELLED);
    assertThat(store.listJobs(tasks.get(0).id())).containsExactly(records.get(0));
    assertThat(store.listJobs(tasks.get(1).id())).containsExactly(records.get(1));
  }

  @Test
  void aBatchMarksItsAppliedConfigComponentsWithItsChanges() {
    Component settings =
        Component.builder()
            .name("settings")
            .type("config")
            .properties(
                io.kubemin.model.Properties.builder().conf(java.util.Map.of("k", "v")).build())
            .build();
    List<ApplicationRecord> apps = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ApplicationRecord app = app(Ids.newId(), T0);
      store.putApplication(app);
      store.putComponent(component(app.id(), 0, settings));
      store.putComponent(component(app.id(), 1, web("web")));
      apps.add(app);
    }
    Task task = waitingTask(Ids.newId(), T0);
    store.insertTask(task, 0);
    Instant now = T0.plusSeconds(5);
    Task ended = task.withStatus(TaskStatus.COMPLETED, now);

    List<Boolean> matched =
        store.writeBatch(
            List.of(TaskChange.of(task, ended)),
            List.of(job(task.id(), "settings", JobStatus.COMPLETED)),
            List.of(
                new AppliedConfig(apps.get(0).id(), "settings", now),
                new AppliedConfig(apps.get(1).id(), "settings", now),
                new AppliedConfig(apps.get(1).id(), "web", now)));

    assertThat(matched).containsExactly(true);
    assertThat(store.findTask(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(store.listJobs(task.id())).hasSize(1);
    assertThat(apps)
        .map(
            app ->
                store.listComponents(app.id()).stream()
                    .map(c -> c.name() + "=" + c.status())
                    .toList())
        .containsExactly(
            List.of("settings=RUNNING", "web=UNKNOWN"),
            List.of("settings=RUNNING", "web=UNKNOWN"),
            List.of("settings=UNKNOWN", "web=UNKNOWN"));
    assertThat(store.writeBatch(List.of(), List.of(), List.of())).isEmpty();
  }

  @Test
  void aBatchOfManyChangesReportsEveryRowOnItsOwn() {
    List<TaskChange> changes = new ArrayList<>();
    List<Boolean> expected = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Task task = waitingTask(Ids.newId(), T0.plusMillis(i));
      store.insertTask(task, 0);
      boolean stale = i % 3 == 0;
      changes.add(
          new TaskChange(
              TaskStatus.WAITING,
              stale ? 2 : 1,
              task.withStatus(TaskStatus.QUEUED, T0.plusSeconds(1)).withLease("w" + i, null)));
      expected.add(!stale);
    }

    assertThat(store.writeBatch(changes, List.of())).isEqualTo(expected);
    for (int i = 0; i < changes.size(); i++) {
      Task stored = store.findTask(changes.get(i).taskId()).orElseThrow();
      assertThat(stored.status())
          .isEqualTo(expected.get(i) ? TaskStatus.QUEUED : TaskStatus.WAITING);
      assertThat(stored.owner()).isEqualTo(expected.get(i) ? "w" + i : null);
    }
  }

  @Test
  void claimingIsOldestFirstAndFairAcrossApplications() {
    String busy = Ids.newId();
    String quiet = Ids.newId();
    String running = Ids.newId();
    List<Task> busyTasks = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Task task = waitingTask(busy, T0.plusMillis(i));
      store.insertTask(task, 0);
      busyTasks.add(task);
    }
    Task quietTask = waitingTask(quiet, T0.plusMillis(10));
    store.insertTask(quietTask, 0);
    running(waitingTask(running, T0.plusMillis(20)), T0.plusSeconds(60));
    store.insertTask(waitingTask(running, T0.plusMillis(21)), 0);
    Instant now = T0.plusSeconds(1);

    List<Task> claimed = store.claimWaiting(10, 1, now);

    assertThat(claimed).extracting(Task::id).containsExactly(busyTasks.get(0).id(), quietTask.id());
    assertThat(claimed).allSatisfy(t -> assertThat(t.status()).isEqualTo(TaskStatus.QUEUED));
    assertThat(store.findTask(quietTask.id()).orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(store.findTask(busyTasks.get(1).id()).orElseThrow().status())
        .isEqualTo(TaskStatus.WAITING);
    assertThat(store.listActiveTasks(running))
        .extracting(Task::status)
        .containsExactly(TaskStatus.RUNNING, TaskStatus.WAITING);
    assertThat(store.claimWaiting(10, 1, now)).isEmpty();
    assertThat(store.claimWaiting(2, 0, now))
        .extracting(Task::id)
        .containsExactly(busyTasks.get(1).id(), busyTasks.get(2).id());
  }

  @Test
  void claimingLooksPastALongLineOfTasksQueuedBehindABusyApplication() {
    // More waiting tasks of one full application than a store may read at once, all created in the
    // same millisecond as the others: the claim still finds the others' tasks, oldest first.
    String busy = Ids.newId();
    String quiet = Ids.newId();
    String late = Ids.newId();
    running(waitingTask(busy, T0.minusSeconds(1)), T0.plusSeconds(60));
    List<Task> busyTasks = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      Task task = waitingTask(busy, T0);
      store.insertTask(task, 0);
      busyTasks.add(task);
    }
    List<Task> quietTasks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Task task = waitingTask(quiet, T0);
      store.insertTask(task, 0);
      quietTasks.add(task);
    }
    Task lateTask = waitingTask(late, T0.plusMillis(1));
    store.insertTask(lateTask, 0);
    Comparator<Task> byId = Comparator.comparing(Task::id);
    busyTasks.sort(byId);
    quietTasks.sort(byId);

    List<Task> claimed = store.claimWaiting(10, 2, T0.plusSeconds(1));

    List<Task> sameMillisecond =
        new ArrayList<>(List.of(busyTasks.get(0), quietTasks.get(0), quietTasks.get(1)));
    sameMillisecond.sort(byId);
    List<String> expected = new ArrayList<>(sameMillisecond.stream().map(Task::id).toList());
    expected.add(lateTask.id());
    assertThat(claimed).extracting(Task::id).containsExactlyElementsOf(expected);
    assertThat(store.claimWaiting(10, 2, T0.plusSeconds(1))).isEmpty();
  }

  @Test
  void manyRowsAreReadInOneCall() {
    String appId = Ids.newId();
    store.putApplication(app(appId, T0));
    store.putComponent(component(appId, 0, web("web")));
    store.putComponent(component(appId, 1, web("api")));
    WorkflowRecord workflow =
        new WorkflowRecord(
            Ids.newId(),
            appId,
            "deploy",
            "deploy",
            List.of(Step.builder().name("web").components("web").build()),
            T0,
            T0);
    store.putWorkflow(workflow);
    Task task = waitingTask(appId, T0);
    store.insertTask(task, 0);

    assertThat(store.findTasks(List.of(task.id(), "missing"))).containsExactly(task);
    assertThat(store.findApplications(List.of(appId, "missing")))
        .extracting(ApplicationRecord::id)
        .containsExactly(appId);
    assertThat(store.listComponents(List.of(appId, "missing")))
        .extracting(ComponentRecord::name)
        .containsExactly("web", "api");
    assertThat(store.findWorkflows(List.of(workflow.id()))).containsExactly(workflow);
  }

  @Test
  void tasksAreReadWithTheirPlansInputs() {
    List<WorkflowRecord> workflows = new ArrayList<>();
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String appId = Ids.newId();
      store.putApplication(app(appId, T0));
      store.putComponent(component(appId, 1, web("api")));
      store.putComponent(component(appId, 0, web("web")));
      WorkflowRecord workflow = putWebWorkflow(appId);
      workflows.add(workflow);
      Task task =
          Task.waiting(Ids.newId(), appId, workflow.id(), workflow.name(), T0.plusMillis(i));
      store.insertTask(task, 0);
      tasks.add(task);
    }
    String unrelated = Ids.newId();
    store.putApplication(app(unrelated, T0));
    store.putComponent(component(unrelated, 0, web("other")));

    TasksWithInputs read =
        store.findTasksWithInputs(List.of(tasks.get(0).id(), tasks.get(1).id(), "missing"));

    assertThat(read.tasks()).containsExactlyInAnyOrderElementsOf(tasks);
    assertThat(read.applications())
        .extracting(ApplicationRecord::id)
        .containsExactlyInAnyOrder(tasks.get(0).appId(), tasks.get(1).appId());
    assertThat(read.workflows()).containsExactlyInAnyOrderElementsOf(workflows);
    for (Task task : tasks) {
      assertThat(read.components())
          .filteredOn(c -> c.appId().equals(task.appId()))
          .extracting(ComponentRecord::name)
          .containsExactly("web", "api");
    }
    assertThat(read.components()).extracting(ComponentRecord::name).doesNotContain("other");
    assertThat(store.findTasksWithInputs(List.of("missing")).tasks()).isEmpty();
  }

  @Test
  void anExecExpectingAFirstWorkflowIsInsertedOnlyWhileItIsTheFirstUnchanged() {
    String appId = Ids.newId();
    store.putApplication(app(appId, T0));
    WorkflowRecord first = putWebWorkflow(appId);
    WorkflowRecord seenBeforeAChange =
        new WorkflowRecord(
            first.id(),
            appId,
            first.name(),
            first.alias(),
            first.steps(),
            first.createdAt(),
            first.updatedAt().minusMillis(1));
    Task holds = Task.waiting(Ids.newId(), appId, first.id(), first.name(), T0);
    Task changed = Task.waiting(Ids.newId(), appId, first.id(), first.name(), T0);

    assertThat(
            store.insertTasksOfApplications(
                List.of(
                    new NewTask(holds, 0, null, first),
                    new NewTask(changed, 0, null, seenBeforeAChange))))
        .containsExactly(TaskInsertion.INSERTED, TaskInsertion.LIMIT_REACHED);

    WorkflowRecord older =
        new WorkflowRecord(
            Ids.newId(),
            appId,
            "older",
            null,
            first.steps(),
            first.createdAt().minusSeconds(1),
            first.createdAt().minusSeconds(1));
    store.putWorkflow(older);
    Task behindOlder = Task.waiting(Ids.newId(), appId, first.id(), first.name(), T0);
    Task onOlder = Task.waiting(Ids.newId(), appId, older.id(), older.name(), T0);

    assertThat(
            store.insertTasksOfApplications(
                List.of(
                    new NewTask(behindOlder, 0, null, first),
                    new NewTask(onOlder, 0, null, older))))
        .containsExactly(TaskInsertion.LIMIT_REACHED, TaskInsertion.INSERTED);
    assertThat(store.listTasks(appId)).containsExactlyInAnyOrder(holds, onOlder);
  }

  @Test
  void anExecExpectingAnApplicationIsInsertedOnlyWhileItIsUnchanged() {
    String appId = Ids.newId();
    ApplicationRecord written = app(appId, T0);
    store.putApplication(written);
    WorkflowRecord first = putWebWorkflow(appId);
    Task running =
        Task.waiting(Ids.newId(), appId, first.id(), first.name(), T0)
            .withStatus(TaskStatus.RUNNING, T0)
            .withLease("instance-a", T0.plusSeconds(30))
            .withStart(T0, null);
    Task afterAChange = Task.waiting(Ids.newId(), appId, first.id(), first.name(), T0);

    assertThat(
            store.insertTasksOfApplications(
                List.of(new NewTask(running, 0, null, first, written.updatedAt()))))
        .containsExactly(TaskInsertion.INSERTED);
    assertThat(store.findTask(running.id())).contains(running);

    assertThat(
            store.insertTasksOfApplications(
                List.of(
                    new NewTask(afterAChange, 0, null, first, written.updatedAt().minusMillis(1)))))
        .containsExactly(TaskInsertion.LIMIT_REACHED);
    assertThat(store.listTasks(appId)).containsExactly(running);
  }

  @Test
  void aBatchOverManyApplicationsChecksEveryExecOnItsOwn() {
    List<NewTask> batch = new ArrayList<>();
    List<TaskInsertion> expected = new ArrayList<>();
    Map<String, List<Task>> kept = new LinkedHashMap<>();
    // Enough for a store to write them in one statement, some started with their exec.
    int unchangedApplications = 10;
    for (int i = 0; i < unchangedApplications; i++) {
      ApplicationRecord unchanged = app(Ids.newId(), T0.plusMillis(i));
      store.putApplication(unchanged);
      store.insertRevision(revision(unchanged.id(), 1, "nginx:1"));
      WorkflowRecord first = putWebWorkflow(unchanged.id());
      Task holds = Task.waiting(Ids.newId(), unchanged.id(), first.id(), first.name(), T0);
      if (i % 2 == 1) {
        holds =
            holds
                .withStatus(TaskStatus.RUNNING, T0)
                .withLease("instance-a", T0.plusSeconds(30))
                .withStart(T0, null);
      }
      batch.add(
          new NewTask(
              holds,
              1,
              "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
              first,
              unchanged.updatedAt()));
      expected.add(TaskInsertion.INSERTED);
      kept.put(unchanged.id(), List.of(holds));
    }
    ApplicationRecord replaced = app(Ids.newId(), T0);
    store.putApplication(replaced);
    WorkflowRecord ofReplaced = putWebWorkflow(replaced.id());
    batch.add(
        new NewTask(
            Task.waiting(Ids.newId(), replaced.id(), ofReplaced.id(), ofReplaced.name(), T0),
            1,
            null,
            ofReplaced,
            T0.minusMillis(1)));
    expected.add(TaskInsertion.LIMIT_REACHED);
    kept.put(replaced.id(), List.of());
    ApplicationRecord busy = app(Ids.newId(), T0);
    store.putApplication(busy);
    WorkflowRecord ofBusy = putWebWorkflow(busy.id());
    Task active = Task.waiting(Ids.newId(), busy.id(), ofBusy.id(), ofBusy.name(), T0);
    store.insertTask(active, 0);
    batch.add(
        new NewTask(
            Task.waiting(Ids.newId(), busy.id(), ofBusy.id(), ofBusy.name(), T0),
            1,
            null,
            ofBusy,
            busy.updatedAt()));
    expected.add(TaskInsertion.LIMIT_REACHED);
    kept.put(busy.id(), List.of(active));
    ApplicationRecord twoAllowed = app(Ids.newId(), T0);
    store.putApplication(twoAllowed);
    WorkflowRecord ofTwoAllowed = putWebWorkflow(twoAllowed.id());
    List<Task> allowed = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Task task =
          Task.waiting(
              Ids.newId(),
              twoAllowed.id(),
              ofTwoAllowed.id(),
              ofTwoAllowed.name(),
              T0.plusMillis(i));
      batch.add(new NewTask(task, 2, null, ofTwoAllowed, twoAllowed.updatedAt()));
      expected.add(i < 2 ? TaskInsertion.INSERTED : TaskInsertion.LIMIT_REACHED);
      if (i < 2) {
        allowed.add(task);
      }
    }
    kept.put(twoAllowed.id(), allowed);
    batch.add(
        new NewTask(
            Task.waiting(Ids.newId(), "missing-" + Ids.newId(), "wf", "deploy", T0),
            1,
            null,
            null,
            T0));
    expected.add(TaskInsertion.APPLICATION_MISSING);

    assertThat(store.insertTasksOfApplications(batch)).containsExactlyElementsOf(expected);
    kept.forEach(
        (appId, tasks) ->
            assertThat(store.listTasks(appId))
                .as(appId)
                .containsExactlyInAnyOrderElementsOf(tasks));
    for (int i = 0; i < unchangedApplications; i++) {
      Task task = batch.get(i).task();
      assertThat(store.findTask(task.id())).contains(task);
      assertThat(store.findTaskRevision(task.id())).contains(1);
    }
  }

  @Test
  void aTaskWhoseApplicationAndWorkflowAreGoneIsReadWithoutThem() {
    Task orphan = Task.waiting(Ids.newId(), Ids.newId(), Ids.newId(), "gone", T0);
    store.insertTask(orphan, 0);

    TasksWithInputs read = store.findTasksWithInputs(List.of(orphan.id()));

    assertThat(read.tasks()).containsExactly(orphan);
    assertThat(read.applications()).isEmpty();
    assertThat(read.workflows()).isEmpty();
    assertThat(read.components()).isEmpty();
  }

  @Test
  void queuedTasksAreStartedAndReadBackWithTheirInputs() {
    String appId = Ids.newId();
    store.putApplication(app(appId, T0));
    store.putComponent(component(appId, 0, web("web")));
    WorkflowRecord workflow = putWebWorkflow(appId);
    Instant deadline = T0.plusSeconds(3600);
    Task plain = queued(appId, workflow, 0, null, false);
    Task withDeadline = queued(appId, workflow, 1, deadline, false);
    Task cancelled = queued(appId, workflow, 2, null, true);
    Task otherAttempt = queued(appId, workflow, 3, null, false);
    Task waiting = Task.waiting(Ids.newId(), appId, workflow.id(), workflow.name(), T0);
    store.insertTask(waiting, 0);
    Instant now = T0.plusSeconds(10);
    Instant lease = now.plusSeconds(30);
    Instant fallback = now.plusSeconds(600);
    java.util.Map<String, Integer> attempts = new java.util.LinkedHashMap<>();
    for (Task task : List.of(plain, withDeadline, cancelled, waiting)) {
      attempts.put(task.id(), 1);
    }
    attempts.put(otherAttempt.id(), 2);
    attempts.put("missing", 1);

    TasksWithInputs read = store.startQueuedTasks(attempts, "w1", now, lease, fallback);

    java.util.Map<String, Task> byId = new java.util.HashMap<>();
    read.tasks().forEach(t -> byId.put(t.id(), t));
    assertThat(byId).doesNotContainKey("missing").hasSize(5);
    for (Task started : List.of(byId.get(plain.id()), byId.get(withDeadline.id()))) {
      assertThat(started.status()).isEqualTo(TaskStatus.RUNNING);
      assertThat(started.owner()).isEqualTo("w1");
      assertThat(started.leaseUntil()).isEqualTo(lease);
      assertThat(started.updatedAt()).isEqualTo(now);
      assertThat(started.startedAt()).isEqualTo(now);
      assertThat(store.findTask(started.id())).contains(started);
    }
    assertThat(byId.get(plain.id()).deadline()).isEqualTo(fallback);
    assertThat(byId.get(withDeadline.id()).deadline()).isEqualTo(deadline);
    assertThat(byId.get(cancelled.id()).status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(byId.get(otherAttempt.id()).status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(byId.get(waiting.id()).status()).isEqualTo(TaskStatus.WAITING);
    assertThat(read.applications()).extracting(ApplicationRecord::id).containsExactly(appId);
    assertThat(read.workflows()).containsExactly(workflow);
    assertThat(read.components()).extracting(ComponentRecord::name).containsExactly("web");
  }

  /** {@code count} waiting tasks of applications of their own, created a millisecond apart. */
  private List<Task> insertWaitingTasks(int count) {
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Task task = waitingTask(Ids.newId(), T0.plusMillis(i));
      store.insertTask(task, 0);
      tasks.add(task);
    }
    return tasks;
  }

  /** A stored workflow of the application with one step deploying its {@code web} component. */
  private WorkflowRecord putWebWorkflow(String appId) {
    WorkflowRecord workflow =
        new WorkflowRecord(
            Ids.newId(),
            appId,
            "deploy",
            null,
            List.of(Step.builder().name("web").components("web").build()),
            T0,
            T0);
    store.putWorkflow(workflow);
    return workflow;
  }

  /** A queued task of the workflow, created {@code minute} minutes after T0. */
  private Task queued(
      String appId, WorkflowRecord workflow, int minute, Instant deadline, boolean cancel) {
    Task task =
        Task.waiting(
            Ids.newId(), appId, workflow.id(), workflow.name(), T0.plusSeconds(60L * minute));
    store.insertTask(task, 0);
    Task queued = task.withStatus(TaskStatus.QUEUED, task.createdAt());
    if (deadline != null) {
      queued = queued.withStart(null, deadline);
    }
    assertThat(store.compareAndSet(task.id(), TaskStatus.WAITING, 1, queued)).isTrue();
    if (cancel) {
      assertThat(store.requestCancel(task.id(), "ops", "not now", T0)).isTrue();
    }
    return store.findTask(task.id()).orElseThrow();
  }

  /** A task of {@code appId} inserted and moved to suspended with {@code deadline}. */
  protected Task suspendedTask(String appId, int minute, Instant deadline) {
    Task waiting = waitingTask(appId, T0.plusSeconds(60L * minute));
    assertThat(store.insertTask(waiting, 0)).isTrue();
    Task running =
        waiting
            .withStatus(TaskStatus.RUNNING, waiting.createdAt())
            .withLease("worker-1", T0.plusSeconds(3600))
            .withStart(waiting.createdAt(), T0.plusSeconds(7200));
    assertThat(store.compareAndSet(waiting.id(), TaskStatus.WAITING, 1, running)).isTrue();
    Task suspended =
        running
            .withStatus(TaskStatus.SUSPENDED, running.createdAt().plusSeconds(1))
            .withLease(null, null)
            .withDeadline(deadline);
    assertThat(store.compareAndSet(waiting.id(), TaskStatus.RUNNING, 1, suspended)).isTrue();
    return store.findTask(waiting.id()).orElseThrow();
  }

  protected static TaskSuspension suspension(Task task, String step, Instant at) {
    return new TaskSuspension(
        task.id(),
        task.appId(),
        step,
        "check the dashboards: \u00e9t\u00e9 \u2713",
        task.attempt(),
        at,
        task.deadline(),
        List.of("database", "step-2"),
        null,
        null);
  }

  @Test
  void aSuspendedTaskIsStoredActiveReleasedAndHoldsItsApplicationsPlace() {
    String appId = Ids.newId();
    Task suspended = suspendedTask(appId, 0, T0.plusSeconds(900));

    assertThat(suspended.status()).isEqualTo(TaskStatus.SUSPENDED);
    assertThat(suspended.owner()).isNull();
    assertThat(suspended.leaseUntil()).isNull();
    assertThat(suspended.deadline()).isEqualTo(T0.plusSeconds(900));
    assertThat(suspended.startedAt()).isEqualTo(T0);
    assertThat(store.listTasksByStatus(TaskStatus.SUSPENDED, 10)).containsExactly(suspended);
    assertThat(store.listActiveTasks(appId)).containsExactly(suspended);
    assertThat(store.listExpiredLeases(T0.plusSeconds(86_400), 10)).isEmpty();
    assertThat(store.insertTask(waitingTask(appId, T0.plusSeconds(5)), 1))
        .as("a suspended task counts against the active limit")
        .isFalse();
    Task behind = waitingTask(appId, T0.plusSeconds(5));
    assertThat(store.insertTask(behind, 0)).isTrue();
    assertThat(store.claimWaiting(10, 1, T0.plusSeconds(6))).isEmpty();
    assertThat(store.requestCancel(suspended.id(), "bob", "no", T0.plusSeconds(7))).isTrue();
  }

  @Test
  void suspensionsArePutListedResumedOnceAndGoWithTheirTask() {
    String appId = Ids.newId();
    Task task = suspendedTask(appId, 0, null);
    store.putSuspension(suspension(task, "second-gate", T0.plusSeconds(20)));
    store.putSuspension(suspension(task, "approve", T0.plusSeconds(5)).withResume("x", T0));
    TaskSuspension approve = suspension(task, "approve", T0.plusSeconds(10));
    store.putSuspension(approve);

    assertThat(store.listSuspensions(task.id()))
        .as("oldest first; a put of the same step replaces it")
        .containsExactly(approve, suspension(task, "second-gate", T0.plusSeconds(20)));
    assertThat(store.listSuspensions("unknown")).isEmpty();

    assertThat(store.resumeSuspension(task.id(), "approve", "alice", T0.plusSeconds(30))).isTrue();
    assertThat(store.resumeSuspension(task.id(), "approve", "bob", T0.plusSeconds(31))).isFalse();
    assertThat(store.resumeSuspension(task.id(), "missing", "bob", T0.plusSeconds(31))).isFalse();
    assertThat(store.listSuspensions(task.id()).get(0))
        .isEqualTo(approve.withResume("alice", T0.plusSeconds(30)));

    Task ended = task.withStatus(TaskStatus.CANCELLED, T0.plusSeconds(40));
    assertThat(store.compareAndSet(task.id(), TaskStatus.SUSPENDED, 1, ended)).isTrue();
    assertThat(store.purgeEndedTasks(appId, 0, null, 10)).isEqualTo(1);
    assertThat(store.listSuspensions(task.id())).isEmpty();

    Task other = suspendedTask(appId, 1, null);
    store.putSuspension(suspension(other, "approve", T0));
    store.deleteApplication(appId);
    assertThat(store.listSuspensions(other.id())).isEmpty();
  }

  @Test
  void aResumeAndItsCompareAndSetCommitTogetherAndOnlyOnce() {
    Task task = suspendedTask(Ids.newId(), 0, T0.plusSeconds(600));
    store.putSuspension(suspension(task, "approve", T0.plusSeconds(1)));
    Task waiting =
        task.withStatus(TaskStatus.WAITING, T0.plusSeconds(2)).withAttempt(2).withDeadline(null);

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.compareAndSet(task.id(), TaskStatus.SUSPENDED, 1, waiting);
                      tx.resumeSuspension(task.id(), "approve", "alice", T0.plusSeconds(2));
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(store.findTask(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.SUSPENDED);
    assertThat(store.listSuspensions(task.id()).get(0).resumed()).isFalse();

    for (String user : List.of("alice", "bob")) {
      store.inTransaction(
          tx ->
              tx.compareAndSet(task.id(), TaskStatus.SUSPENDED, 1, waiting)
                  && tx.resumeSuspension(task.id(), "approve", user, T0.plusSeconds(2)));
    }
    Task stored = store.findTask(task.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(TaskStatus.WAITING);
    assertThat(stored.attempt()).isEqualTo(2);
    assertThat(stored.deadline()).isNull();
    assertThat(store.listSuspensions(task.id()).get(0).resumedBy()).isEqualTo("alice");
  }

  @Test
  void concurrentResumesHaveExactlyOneWinnerAndItsNameIsKept() throws Exception {
    Task task = suspendedTask(Ids.newId(), 0, null);
    store.putSuspension(suspension(task, "approve", T0.plusSeconds(1)));
    Task waiting = task.withStatus(TaskStatus.WAITING, T0.plusSeconds(2)).withAttempt(2);
    int contenders = 8;
    ExecutorService pool = Executors.newFixedThreadPool(contenders);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < contenders; i++) {
        String user = "user-" + i;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  boolean won =
                      store.inTransaction(
                          tx ->
                              tx.compareAndSet(task.id(), TaskStatus.SUSPENDED, 1, waiting)
                                  && tx.resumeSuspension(
                                      task.id(), "approve", user, T0.plusSeconds(2)));
                  return won ? user : null;
                }));
      }
      start.countDown();
      List<String> winners = new ArrayList<>();
      for (Future<String> result : results) {
        String winner = result.get(20, TimeUnit.SECONDS);
        if (winner != null) {
          winners.add(winner);
        }
      }
      assertThat(winners).hasSize(1);
      assertThat(store.listSuspensions(task.id()).get(0).resumedBy()).isEqualTo(winners.get(0));
      assertThat(store.findTask(task.id()).orElseThrow().attempt()).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void suspendedTasksPastTheirDeadlineOrCancelledAreListedToEnd() {
    String appId = Ids.newId();
    Task late = suspendedTask(appId, 0, T0.plusSeconds(100));
    Task later = suspendedTask(appId, 1, T0.plusSeconds(50));
    Task notYet = suspendedTask(appId, 2, T0.plusSeconds(10_000));
    Task forever = suspendedTask(appId, 3, null);
    Task cancelled = suspendedTask(appId, 4, null);
    store.requestCancel(cancelled.id(), "bob", "no", T0.plusSeconds(5));

    assertThat(store.listSuspendedToEnd(T0.plusSeconds(100), 10))
        .extracting(Task::id)
        .containsExactlyInAnyOrder(late.id(), later.id(), cancelled.id())
        .doesNotContain(notYet.id(), forever.id());
    assertThat(store.listSuspendedToEnd(T0.plusSeconds(100), 1)).hasSize(1);
  }

  protected static RevisionRecord revision(String appId, int number, String image) {
    Component spec = web("web").toBuilder().image(image).build();
    Step step =
        Step.builder()
            .name("web")
            .jobType("deploy")
            .mode(StepMode.STEP_BY_STEP)
            .components("web")
            .build();
    return new RevisionRecord(
        appId,
        number,
        "v" + number,
        List.of(spec),
        List.of(step),
        "alice",
        "created",
        "hash-" + number,
        T0.plusSeconds(number));
  }

  @Test
  void revisionsAreStoredListedOldestFirstAndFound() {
    String appId = Ids.newId();
    store.putApplication(app(appId, T0));
    RevisionRecord first = revision(appId, 1, "nginx:1.27");
    RevisionRecord second = revision(appId, 2, "nginx:1.28");

    store.inTransaction(
        tx -> {
          tx.insertRevision(first);
          tx.insertRevision(second);
          return null;
        });

    assertThat(store.listRevisions(appId)).containsExactly(first, second);
    assertThat(store.findRevision(appId, 2)).contains(second);
    assertThat(store.findRevision(appId, 3)).isEmpty();
    assertThat(store.latestRevision(appId)).contains(second);
    assertThat(store.revisionNumbers(appId)).containsExactly(1, 2);
    assertThat(store.listRevisions(Ids.newId())).isEmpty();
    assertThat(store.latestRevision(Ids.newId())).isEmpty();
    assertThat(store.revisionNumbers(Ids.newId())).isEmpty();
  }

  @Test
  void aTaskRecordsTheNewestRevisionOfItsApplication() {
    String appId = Ids.newId();
    store.putApplication(app(appId, T0));
    Task before = waitingTask(appId, T0);
    store.insertTask(before, 0);
    store.recordTaskRevision(before.id(), appId);
    store.insertRevision(revision(appId, 1, "nginx:1.27"));
    store.insertRevision(revision(appId, 2, "nginx:1.28"));
    Task after = waitingTask(appId, T0);
    store.insertTask(after, 0);

    store.inTransaction(
        tx -> {
          tx.recordTaskRevision(after.id(), appId);
          return null;
        });

    assertThat(store.findTaskRevision(after.id())).contains(2);
    assertThat(store.findTaskRevision(before.id())).isEmpty();
  }

  @Test
  void deletingAnApplicationDeletesItsRevisions() {
    String appId = Ids.newId();
    store.putApplication(app(appId, T0));
    store.insertRevision(revision(appId, 1, "nginx:1.27"));
    Task task = waitingTask(appId, T0);
    store.insertTask(task, 0);
    store.recordTaskRevision(task.id(), appId);

    store.deleteApplication(appId);

    assertThat(store.listRevisions(appId)).isEmpty();
    assertThat(store.findTaskRevision(task.id())).isEmpty();
  }

  @Test
  void aFailedTransactionStoresNoRevision() {
    String appId = Ids.newId();
    store.putApplication(app(appId, T0));

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.insertRevision(revision(appId, 1, "nginx:1.27"));
                      throw new IllegalStateException("boom");
                    }))
        .hasMessageContaining("boom");

    assertThat(store.listRevisions(appId)).isEmpty();
  }
}
