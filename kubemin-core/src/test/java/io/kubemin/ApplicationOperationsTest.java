package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.config;
import static io.kubemin.TestApps.step;
import static io.kubemin.TestApps.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemin.model.Application;
import io.kubemin.model.Step;
import io.kubemin.model.WorkflowRequest;
import io.kubemin.render.Naming;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.spi.ComponentStatus;
import io.kubemin.spi.Job;
import io.kubemin.spi.WorkflowRecord;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.validation.ValidationException;
import io.kubemin.workflow.ComponentTaskStatus;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.TaskStatusView;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApplicationOperationsTest {
  private final RecordingJobExecutor executor = new RecordingJobExecutor();
  private final KubeMin kubemin = KubeMin.builder().jobExecutor(executor).build();

  @BeforeEach
  void start() {
    kubemin.start();
  }

  @AfterEach
  void close() {
    kubemin.close();
  }

  @Test
  void createStoresTheApplicationWithADefaultWorkflowOfOneStepPerComponent() {
    ApplicationInfo info =
        kubemin.createApplication(app("shop", List.of(web("web"), config("conf"))));

    assertThat(info.id()).matches("[a-z0-9]{24}");
    assertThat(info.version()).isEqualTo("1.0.0");
    assertThat(kubemin.application(info.id())).isEqualTo(info);
    List<WorkflowRecord> workflows = kubemin.workflows(info.id());
    assertThat(workflows)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.id()).isEqualTo(info.workflowId());
              assertThat(w.name()).isEqualTo("shop-workflow");
              assertThat(w.steps()).extracting(Step::name).containsExactly("web", "conf");
            });
    assertThat(kubemin.components(info.id()))
        .extracting(ComponentRecord::name, ComponentRecord::status, ComponentRecord::ordinal)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("web", ComponentStatus.NOT_DEPLOYED, 0),
            org.assertj.core.groups.Tuple.tuple("conf", ComponentStatus.NOT_DEPLOYED, 1));
  }

  @Test
  void anInvalidApplicationIsRejectedAndNothingIsWritten() {
    Application invalid = app("Not_A_Name", List.of(web("web"), web("web")));

    assertThatThrownBy(() -> kubemin.createApplication(invalid))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(400);
              assertThat(e.businessCode()).isEqualTo(10020);
              assertThat(e.errors())
                  .extracting(er -> er.code())
                  .contains("INVALID_NAME_FORMAT", "DUPLICATE_COMPONENT");
            });
    assertThat(kubemin.applications()).isEmpty();
  }

  @Test
  void aReplaceKeepsComponentIdsByNameAndDeletesTheObjectsOfDroppedComponents() {
    ApplicationInfo created =
        kubemin.createApplication(app("shop", List.of(web("web"), web("db"), config("conf"))));
    String appId = created.id();
    String webId = componentId(appId, "web");

    ApplicationInfo replaced =
        kubemin.createApplication(
            app("shop", List.of(web("cache"), web("web"))).toBuilder()
                .id(appId)
                .version("")
                .build());

    assertThat(replaced.id()).isEqualTo(appId);
    assertThat(replaced.workflowId()).isEqualTo(created.workflowId());
    assertThat(replaced.createdAt()).isEqualTo(created.createdAt());
    assertThat(componentId(appId, "web")).isEqualTo(webId);
    assertThat(kubemin.components(appId))
        .extracting(ComponentRecord::name)
        .containsExactly("cache", "web");
    assertThat(executor.deletions())
        .extracting(Job::name)
        .containsExactlyInAnyOrder(Naming.deployment("db", appId), "conf");
    assertThat(kubemin.workflows(appId).get(0).steps())
        .extracting(Step::name)
        .containsExactly("cache", "web");
  }

  @Test
  void replacingAnUnknownApplicationIsNotFound() {
    Application unknown =
        app("shop", List.of(web("web"))).toBuilder().id("nosuchapplicationid00000").build();

    assertThatThrownBy(() -> kubemin.createApplication(unknown))
        .isInstanceOfSatisfying(
            ApplicationNotFoundException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(404);
              assertThat(e.businessCode()).isEqualTo(10005);
            });
    assertThatThrownBy(() -> kubemin.application("nosuchapplicationid00000"))
        .isInstanceOf(ApplicationNotFoundException.class);
  }

  @Test
  void applicationsAreListedMostRecentlyUpdatedFirst() {
    // a clock that moves between the writes: two writes in one millisecond have no order
    io.kubemin.testing.ManualClock clock = new io.kubemin.testing.ManualClock();
    try (KubeMin timed = KubeMin.builder().jobExecutor(executor).clock(clock).build()) {
      String first = timed.createApplication(app("first", List.of(web("web")))).id();
      clock.advance(java.time.Duration.ofSeconds(1));
      String second = timed.createApplication(app("second", List.of(web("web")))).id();
      clock.advance(java.time.Duration.ofSeconds(1));
      timed.createApplication(app("first", List.of(web("web"))).toBuilder().id(first).build());

      assertThat(timed.applications())
          .extracting(ApplicationInfo::id)
          .containsExactly(first, second);
    }
  }

  @Test
  void deletingAnApplicationDeletesItsObjectsThenItsRowsButNotWhileATaskRuns() {
    String appId = kubemin.createApplication(app("shop", List.of(web("web"), config("conf")))).id();
    CountDownLatch release = executor.hold(Naming.deployment("web", appId));
    String taskId = kubemin.exec(appId);

    assertThatThrownBy(() -> kubemin.deleteApplication(appId))
        .isInstanceOf(TaskConflictException.class);
    release.countDown();
    awaitEnd(kubemin, taskId);

    DeletionResult result = kubemin.deleteApplication(appId);

    assertThat(result.complete()).isTrue();
    assertThat(result.deletedResources())
        .containsExactly(
            "Deployment:default/" + Naming.deployment("web", appId), "ConfigMap:default/conf");
    assertThat(kubemin.applications()).isEmpty();
    assertThatThrownBy(() -> kubemin.task(taskId)).isInstanceOf(TaskNotFoundException.class);
  }

  @Test
  void deletingResourcesKeepsTheRows() {
    String appId = kubemin.createApplication(app("shop", List.of(web("web")))).id();

    assertThat(kubemin.deleteResources(appId).deletedResources()).hasSize(1);

    assertThat(kubemin.components(appId)).hasSize(1);
  }

  @Test
  void putWorkflowReplacesTheDefaultOrCreatesANamedOneThatExecCanRun() {
    String appId = kubemin.createApplication(app("shop", List.of(web("web"), web("api")))).id();
    String defaultId = kubemin.application(appId).workflowId();

    String replaced =
        kubemin.putWorkflow(
            appId,
            new WorkflowRequest(null, null, null, List.of(step("both", "DAG", "web", "api"))));
    String canary =
        kubemin.putWorkflow(
            appId,
            new WorkflowRequest(
                null, "canary", null, List.of(step("api-only", "StepByStep", "api"))));

    assertThat(replaced).isEqualTo(defaultId);
    assertThat(kubemin.workflows(appId))
        .extracting(WorkflowRecord::name)
        .containsExactly("shop-workflow", "canary");
    String taskId = kubemin.exec(appId, ExecOptions.defaults().workflow(canary));
    assertThat(awaitEnd(kubemin, taskId).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(executor.started())
        .extracting(Job::name)
        .containsExactly(Naming.deployment("api", appId));
  }

  @Test
  void putWorkflowChecksItsStepsAndTheWorkflowId() {
    String appId = kubemin.createApplication(app("shop", List.of(web("web")))).id();
    String otherApp = kubemin.createApplication(app("other", List.of(web("web")))).id();
    String foreign = kubemin.application(otherApp).workflowId();

    assertThatThrownBy(
            () ->
                kubemin.putWorkflow(
                    appId,
                    new WorkflowRequest(null, null, null, List.of(step("x1", "DAG", "ghost")))))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.errors()).extracting(er -> er.code()).contains("COMPONENT_NOT_FOUND"));
    assertThatThrownBy(
            () -> kubemin.putWorkflow(appId, new WorkflowRequest(null, null, null, List.of())))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () ->
                kubemin.putWorkflow(
                    appId,
                    new WorkflowRequest(foreign, null, null, List.of(step("web", "DAG", "web")))))
        .isInstanceOfSatisfying(
            WorkflowNotFoundException.class, e -> assertThat(e.businessCode()).isEqualTo(20005));
    assertThatThrownBy(() -> kubemin.exec(appId, ExecOptions.defaults().workflow(foreign)))
        .isInstanceOf(WorkflowNotFoundException.class);
  }

  @Test
  void execOfAnApplicationWithoutComponentsHasNothingToRun() {
    String appId = kubemin.createApplication(app("empty", List.of())).id();

    assertThatThrownBy(() -> kubemin.exec(appId))
        .isInstanceOfSatisfying(
            EmptyWorkflowException.class, e -> assertThat(e.businessCode()).isEqualTo(20004));
  }

  @Test
  void taskStatusAggregatesJobsPerComponentInWorkflowOrder() {
    String appId =
        kubemin
            .createApplication(
                app(
                    "shop",
                    List.of(web("zeta"), TestApps.webWithPort("alpha"), web("omega")),
                    step("first", "StepByStep", "alpha"),
                    step("second", "StepByStep", "zeta"),
                    step("third", "StepByStep", "omega")))
            .id();
    executor.fail(Naming.deployment("zeta", appId), "quota exceeded");

    String taskId = kubemin.exec(appId);
    awaitEnd(kubemin, taskId);
    TaskStatusView view = kubemin.taskStatus(taskId);

    assertThat(view.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(view.appId()).isEqualTo(appId);
    assertThat(view.type()).isEqualTo("workflow");
    assertThat(view.components())
        .extracting(
            ComponentTaskStatus::name,
            ComponentTaskStatus::type,
            ComponentTaskStatus::status,
            ComponentTaskStatus::error)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("alpha", "deploy", "completed", null),
            org.assertj.core.groups.Tuple.tuple("zeta", "deploy", "failed", "quota exceeded"),
            org.assertj.core.groups.Tuple.tuple("omega", "deploy", "failed", null));
    assertThat(view.components().get(0).startTime()).isNotNull();
    assertThat(kubemin.tasks(appId)).extracting(t -> t.id()).containsExactly(taskId);
    assertThatThrownBy(() -> kubemin.taskStatus("nosuchtask"))
        .isInstanceOf(TaskNotFoundException.class);
  }

  private String componentId(String appId, String name) {
    return kubemin.components(appId).stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow()
        .id();
  }

  @Test
  void execOfAnUnknownApplicationOrWorkflowSaysWhichIsMissing() {
    String appId = kubemin.createApplication(app("shop", List.of(web("web")))).id();

    assertThatThrownBy(() -> kubemin.exec("nosuchapplication"))
        .isInstanceOf(ApplicationNotFoundException.class)
        .hasMessageContaining("nosuchapplication");
    assertThatThrownBy(() -> kubemin.exec(appId, ExecOptions.defaults().workflow("nosuchflow")))
        .isInstanceOf(WorkflowNotFoundException.class)
        .hasMessageContaining("nosuchflow");
    assertThatThrownBy(
            () -> kubemin.exec("nosuchapplication", ExecOptions.defaults().workflow("nosuchflow")))
        .isInstanceOf(ApplicationNotFoundException.class);
  }
}
