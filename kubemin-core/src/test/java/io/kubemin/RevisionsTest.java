package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.config;
import static io.kubemin.TestApps.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.ComponentChange;
import io.kubemin.model.EnvTrait;
import io.kubemin.model.EnvValueSource;
import io.kubemin.model.Traits;
import io.kubemin.model.VersionUpdate;
import io.kubemin.spi.RevisionRecord;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.workflow.TaskStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RevisionsTest {
  private final RecordingJobExecutor executor = new RecordingJobExecutor();
  private final KubeMin kubemin = KubeMin.builder().jobExecutor(executor).build();

  RevisionsTest() {
    kubemin.start();
  }

  @AfterEach
  void close() {
    kubemin.close();
  }

  private static Component withEnv(Component c) {
    return c.toBuilder()
        .traits(
            Traits.builder()
                .envs(List.of(new EnvTrait("MODE", new EnvValueSource("fast", null, null, null))))
                .build())
        .build();
  }

  @Test
  void createReplaceAndVersionUpdateEachStoreANumberedRevision() {
    Application v1 = app("shop", List.of(web("api")));
    String appId = kubemin.createApplication(v1).id();
    kubemin.createApplication(
        v1.toBuilder().id(appId).components(List.of(web("api"), config("settings"))).build());
    kubemin.updateVersion(
        appId,
        new VersionUpdate(
            "2.0.0",
            null,
            List.of(
                new ComponentChange("update", "api", "nginx:1.28", null, null, null, null, null)),
            false,
            null));

    List<RevisionRecord> revisions = kubemin.revisions(appId);

    assertThat(revisions).extracting(RevisionRecord::number).containsExactly(1, 2, 3);
    assertThat(revisions)
        .extracting(RevisionRecord::cause)
        .containsExactly("created", "replaced", "version 2.0.0");
    assertThat(revisions.get(0).components()).extracting(Component::name).containsExactly("api");
    assertThat(revisions.get(1).workflow()).hasSize(2);
    assertThat(revisions.get(2).version()).isEqualTo("2.0.0");
    assertThat(revisions.get(2).components().get(0).image()).isEqualTo("nginx:1.28");
    assertThat(revisions).allSatisfy(r -> assertThat(r.author()).isEqualTo("system"));
    assertThat(revisions).extracting(RevisionRecord::contentHash).doesNotHaveDuplicates();
    assertThat(kubemin.revision(appId, 2)).isEqualTo(revisions.get(1));
  }

  @Test
  void storingAnIdenticalDefinitionMakesNoNewRevision() {
    Application v1 = app("shop", List.of(web("api")));
    String appId = kubemin.createApplication(v1).id();

    kubemin.createApplication(v1.toBuilder().id(appId).description("only text").build());
    kubemin.createApplication(v1.toBuilder().id(appId).build());

    assertThat(kubemin.revisions(appId)).hasSize(1);
  }

  @Test
  void eachTaskRecordsTheRevisionItDeployed() {
    Application v1 = app("shop", List.of(web("api")));
    String appId = kubemin.createApplication(v1).id();
    String first = kubemin.exec(appId);
    awaitEnd(kubemin, first);
    kubemin.createApplication(v1.toBuilder().id(appId).components(List.of(web("web"))).build());
    String second = kubemin.exec(appId);
    awaitEnd(kubemin, second);

    assertThat(kubemin.taskRevision(first)).contains(1);
    assertThat(kubemin.taskRevision(second)).contains(2);
  }

  @Test
  void compareNamesChangedComponentsTraitsAndSteps() {
    Application v1 = app("shop", List.of(web("api"), web("worker")));
    String appId = kubemin.createApplication(v1).id();
    kubemin.createApplication(
        v1.toBuilder()
            .id(appId)
            .version("1.1.0")
            .components(List.of(withEnv(web("api")), config("settings")))
            .build());

    RevisionDiff diff = kubemin.compareRevisions(appId, 1, 2);

    assertThat(diff.fromVersion()).isEqualTo("1.0.0");
    assertThat(diff.toVersion()).isEqualTo("1.1.0");
    assertThat(diff.addedComponents()).containsExactly("settings");
    assertThat(diff.removedComponents()).containsExactly("worker");
    assertThat(diff.changedComponents()).containsExactly("api");
    assertThat(diff.changedTraits()).isEqualTo(Map.of("api", List.of("envs")));
    assertThat(diff.addedSteps()).containsExactly("settings");
    assertThat(diff.removedSteps()).containsExactly("worker");
    assertThat(diff.changedSteps()).isEmpty();
    assertThat(diff.identical()).isFalse();
    assertThat(kubemin.compareRevisions(appId, 2, 2).identical()).isTrue();
  }

  @Test
  void unknownRevisionsAndApplicationsAreNamed() {
    String appId = kubemin.createApplication(app("shop", List.of(web("api")))).id();

    assertThatThrownBy(() -> kubemin.revision(appId, 7))
        .isInstanceOf(RevisionNotFoundException.class)
        .hasMessageContaining("has no revision 7");
    assertThatThrownBy(() -> kubemin.revisions("nope"))
        .isInstanceOf(ApplicationNotFoundException.class);
    assertThatThrownBy(() -> kubemin.rollback(appId, 9))
        .isInstanceOf(RevisionNotFoundException.class);
  }

  @Test
  void rollbackMakesTheOldDefinitionCurrentAsANewRevisionAndDeploysIt() {
    Application v1 = app("shop", List.of(web("api")));
    String appId = kubemin.createApplication(v1).id();
    kubemin.createApplication(
        v1.toBuilder().id(appId).version("2").components(List.of(web("api"), web("bb"))).build());
    kubemin.createApplication(
        v1.toBuilder()
            .id(appId)
            .version("3")
            .components(List.of(web("api"), web("bb"), web("cc")))
            .build());

    RollbackResult result = kubemin.rollback(appId, 1, "alice");

    assertThat(result.from()).isEqualTo(3);
    assertThat(result.to()).isEqualTo(1);
    assertThat(result.revision()).isEqualTo(4);
    RevisionRecord current = kubemin.revision(appId, 4);
    assertThat(current.cause()).isEqualTo("rolled back from 3 to 1");
    assertThat(current.author()).isEqualTo("alice");
    assertThat(current.contentHash()).isEqualTo(kubemin.revision(appId, 1).contentHash());
    assertThat(kubemin.application(appId).version()).isEqualTo("1.0.0");
    assertThat(kubemin.components(appId)).extracting(c -> c.name()).containsExactly("api");
    assertThat(executor.deletions()).extracting(j -> j.componentName()).containsOnly("bb", "cc");
    assertThat(awaitEnd(kubemin, result.taskId()).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(kubemin.taskRevision(result.taskId())).contains(4);
  }

  @Test
  void rollbackToTheCurrentDefinitionMakesNoRevisionButDeploysAgain() {
    String appId = kubemin.createApplication(app("shop", List.of(web("api")))).id();

    RollbackResult result = kubemin.rollback(appId, 1);

    assertThat(result.revision()).isEqualTo(1);
    assertThat(kubemin.revisions(appId)).hasSize(1);
    assertThat(result.deletion().deletedResources()).isEmpty();
    assertThat(awaitEnd(kubemin, result.taskId()).status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void deletingTheApplicationDeletesItsRevisions() {
    String appId = kubemin.createApplication(app("shop", List.of(web("api")))).id();

    kubemin.deleteApplication(appId);
    String again =
        kubemin.createApplication(app("shop", List.of(web("api"))).toBuilder().build()).id();

    assertThat(kubemin.revisions(again)).extracting(RevisionRecord::number).containsExactly(1);
  }

  @Test
  void aRevisionClonedFromATemplateRollsBackAfterTheTemplateIsDeleted() {
    Application template =
        io.kubemin.model.ModelCodec.json()
            .readApplication(
                """
                {"name":"tmpl","tmp_enable":true,"component":[
                  {"name":"web","type":"webservice","image":"shop:1.0",
                   "properties":{"env":{"COLOR":"red"}}}]}
                """)
            .value();
    String templateId = kubemin.createApplication(template).id();
    Application tenant =
        io.kubemin.model.ModelCodec.json()
            .readApplication(
                """
                {"name":"tenant","component":[
                  {"name":"tenant-web","template":{"id":"%s","target":"web"}}]}
                """
                    .formatted(templateId))
            .value();
    String appId = kubemin.createApplication(tenant).id();
    kubemin.createApplication(app("tenant", List.of(web("plain"))).toBuilder().id(appId).build());
    kubemin.deleteApplication(templateId);

    RollbackResult result = kubemin.rollback(appId, 1);

    assertThat(result.revision()).isEqualTo(3);
    assertThat(kubemin.revision(appId, 1).components().get(0).template()).isNull();
    assertThat(kubemin.components(appId))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.name()).isEqualTo("tenant-web");
              assertThat(c.spec().image()).isEqualTo("shop:1.0");
            });
    assertThat(awaitEnd(kubemin, result.taskId()).status()).isEqualTo(TaskStatus.COMPLETED);
  }

  /** A store that keeps no revisions: the SPI's defaults. */
  private static io.kubemin.spi.DataStore withoutRevisions() {
    io.kubemin.spi.DataStore inner = new io.kubemin.memory.InMemoryDataStore();
    java.util.Set<String> revisionMethods =
        java.util.Set.of(
            "insertRevision",
            "listRevisions",
            "findRevision",
            "latestRevision",
            "recordTaskRevision",
            "findTaskRevision");
    io.kubemin.spi.DataStore[] self = new io.kubemin.spi.DataStore[1];
    self[0] =
        (io.kubemin.spi.DataStore)
            java.lang.reflect.Proxy.newProxyInstance(
                RevisionsTest.class.getClassLoader(),
                new Class<?>[] {io.kubemin.spi.DataStore.class},
                (proxy, method, args) -> {
                  if (revisionMethods.contains(method.getName())) {
                    return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                  }
                  if (method.getName().equals("inTransaction")) {
                    @SuppressWarnings("unchecked")
                    java.util.function.Function<io.kubemin.spi.DataStore, Object> work =
                        (java.util.function.Function<io.kubemin.spi.DataStore, Object>) args[0];
                    return inner.inTransaction(tx -> work.apply(self[0]));
                  }
                  try {
                    return method.invoke(inner, args);
                  } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    return self[0];
  }

  @Test
  void aStoreWithoutRevisionsStillChangesAndRunsApplications() {
    try (KubeMin plain =
        KubeMin.builder().dataStore(withoutRevisions()).jobExecutor(executor).build()) {
      plain.start();
      Application v1 = app("shop", List.of(web("api")));
      String appId = plain.createApplication(v1).id();
      plain.createApplication(v1.toBuilder().id(appId).components(List.of(web("web"))).build());

      assertThat(awaitEnd(plain, plain.exec(appId)).status()).isEqualTo(TaskStatus.COMPLETED);
      assertThatThrownBy(() -> plain.revisions(appId))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("keeps no application revisions");
    }
  }
}
