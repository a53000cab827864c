package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemin.model.Component;
import io.kubemin.model.ComponentChange;
import io.kubemin.model.ModelCodec;
import io.kubemin.model.Step;
import io.kubemin.model.VersionUpdate;
import io.kubemin.render.Naming;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.workflow.TaskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class VersionUpdateTest {
  private static final Path EXAMPLES =
      Path.of("src/test/resources/upstream-examples/version-update");

  private final RecordingJobExecutor executor = new RecordingJobExecutor();
  private final KubeMin kubemin = KubeMin.builder().jobExecutor(executor).build();
  private String appId;

  @BeforeEach
  void start() {
    kubemin.start();
    List<Component> components =
        List.of(web("backend"), web("frontend"), web("legacy-service"), web("deprecated-worker"));
    appId = kubemin.createApplication(app("myapp", components)).id();
  }

  @AfterEach
  void close() {
    kubemin.close();
  }

  static Stream<Path> examples() throws IOException {
    return Files.list(EXAMPLES).sorted();
  }

  private static VersionUpdate read(Path file) throws IOException {
    return ModelCodec.json().read(Files.readString(file), VersionUpdate.class).value();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyUpstreamExampleApplies(Path file) throws IOException {
    VersionUpdate update = read(file);

    VersionUpdateResult result = kubemin.updateVersion(appId, update);

    assertThat(result.version()).isEqualTo(update.version());
    assertThat(result.previousVersion()).isEqualTo("1.0.0");
    assertThat(kubemin.application(appId).version()).isEqualTo(update.version());
    if (result.taskId() == null) {
      assertThat(update.components().isEmpty() || !update.runsWorkflow()).isTrue();
    } else {
      assertThat(awaitEnd(kubemin, result.taskId()).status()).isEqualTo(TaskStatus.COMPLETED);
    }
  }

  @Test
  void mixedOperationsChangeComponentsAndWorkflowTogether() throws IOException {
    String backendId = component("backend").id();

    VersionUpdateResult result =
        kubemin.updateVersion(appId, read(EXAMPLES.resolve("05-mixed-operations.json")));

    assertThat(result.strategy()).isEqualTo("rolling");
    assertThat(result.updatedComponents()).containsExactly("backend", "frontend");
    assertThat(result.addedComponents()).containsExactly("message-queue");
    assertThat(result.removedComponents()).containsExactly("deprecated-worker");
    assertThat(result.deletion().deletedResources())
        .containsExactly("Deployment:default/" + Naming.deployment("deprecated-worker", appId));
    assertThat(component("backend").id()).isEqualTo(backendId);
    assertThat(component("backend").spec().image()).isEqualTo("myapp/backend:v3.0.0");
    assertThat(component("backend").spec().replicas()).isEqualTo(3);
    assertThat(kubemin.workflows(appId).get(0).steps())
        .extracting(Step::name)
        .containsExactly("backend", "frontend", "legacy-service", "message-queue");
    assertThat(kubemin.application(appId).description())
        .isEqualTo("Major architecture refactoring - v3.0.0");
  }

  @Test
  void anEnvUpdateThatChangesNothingReportsNothingAndStartsNoTask() throws IOException {
    VersionUpdate update = read(EXAMPLES.resolve("07-update-env.json"));
    VersionUpdateResult first = kubemin.updateVersion(appId, update);
    awaitEnd(kubemin, first.taskId());

    VersionUpdateResult again = kubemin.updateVersion(appId, update);

    assertThat(first.updatedComponents()).containsExactly("backend");
    assertThat(component("backend").spec().properties().env()).containsEntry("LOG_LEVEL", "debug");
    assertThat(again.updatedComponents()).isEmpty();
    assertThat(again.taskId()).isNull();
  }

  @Test
  void theRolloutTaskQueuesBehindAnActiveOne() {
    CountDownLatch release = executor.hold(Naming.deployment("backend", appId));
    String running = kubemin.exec(appId);

    VersionUpdateResult result =
        kubemin.updateVersion(appId, update(change("update", "frontend", "myapp/frontend:v2")));

    assertThat(kubemin.task(result.taskId()).status()).isEqualTo(TaskStatus.WAITING);
    release.countDown();
    assertThat(awaitEnd(kubemin, running).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(awaitEnd(kubemin, result.taskId()).status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void aMalformedRequestChangesNothing() {
    assertCode(
        new VersionUpdate(" ", null, List.of(), null, null),
        InvalidVersionUpdateException.MISSING_VERSION);
    assertCode(
        new VersionUpdate("2.0.0", "big-bang", List.of(), null, null),
        InvalidVersionUpdateException.INVALID_STRATEGY);
    assertCode(
        update(change("add", "backend", "x:1")), InvalidVersionUpdateException.COMPONENT_EXISTS);
    assertCode(
        update(change("upgrade", "backend", "x:1")), InvalidVersionUpdateException.INVALID_ACTION);
    VersionUpdate missing =
        update(change("update", "frontend", "x:2"), change("remove", "ghost", null));
    assertThatThrownBy(() -> kubemin.updateVersion(appId, missing))
        .isInstanceOfSatisfying(
            ComponentNotFoundException.class, e -> assertThat(e.businessCode()).isEqualTo(10013));

    assertThat(kubemin.application(appId).version()).isEqualTo("1.0.0");
    assertThat(component("frontend").spec().image()).isEqualTo("nginx:1.27");
    assertThat(kubemin.tasks(appId)).isEmpty();
  }

  @Test
  void anAddedComponentIsValidatedLikeACreatedOne() {
    ComponentChange invalid =
        new ComponentChange("add", "cache", null, null, Map.of(), "store", null, null);

    assertThatThrownBy(() -> kubemin.updateVersion(appId, update(invalid)))
        .isInstanceOf(io.kubemin.validation.ValidationException.class);
    assertThat(kubemin.components(appId)).hasSize(4);
  }

  private void assertCode(VersionUpdate update, int code) {
    assertThatThrownBy(() -> kubemin.updateVersion(appId, update))
        .isInstanceOfSatisfying(
            InvalidVersionUpdateException.class,
            e -> {
              assertThat(e.businessCode()).isEqualTo(code);
              assertThat(e.httpStatus()).isEqualTo(400);
            });
  }

  private static VersionUpdate update(ComponentChange... changes) {
    return new VersionUpdate("2.0.0", null, List.of(changes), null, null);
  }

  private static ComponentChange change(String action, String name, String image) {
    return new ComponentChange(action, name, image, null, Map.of(), "webservice", null, null);
  }

  private ComponentRecord component(String name) {
    return kubemin.components(appId).stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
