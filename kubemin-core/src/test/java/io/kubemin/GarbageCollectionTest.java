package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemin.model.Application;
import io.kubemin.plan.ApplicationPlan;
import io.kubemin.plan.ObjectPreview;
import io.kubemin.plan.PlanAction;
import io.kubemin.plan.PlanMethod;
import io.kubemin.render.Labels;
import io.kubemin.render.Naming;
import io.kubemin.spi.Job;
import io.kubemin.spi.JobContext;
import io.kubemin.spi.JobExecutor;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.JobOutcome;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.workflow.GarbageCollection;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Garbage collection's decisions in the engine, with an executor that lists a fake cluster. */
class GarbageCollectionTest {
  private final ListingExecutor executor = new ListingExecutor();

  /** Runs jobs through a recording executor; lists and deletes ConfigMaps of a list. */
  private static final class ListingExecutor implements JobExecutor {
    final RecordingJobExecutor jobs = new RecordingJobExecutor();
    final List<HasMetadata> configMaps = new CopyOnWriteArrayList<>();
    final List<String> deleted = new CopyOnWriteArrayList<>();
    final List<JobKind> unlistable = new CopyOnWriteArrayList<>();

    @Override
    public boolean supports(JobKind kind) {
      return true;
    }

    @Override
    public JobOutcome run(Job job, JobContext context) throws InterruptedException {
      return jobs.run(job, context);
    }

    @Override
    public boolean delete(Job job) {
      deleted.add(job.name());
      return configMaps.removeIf(o -> o.getMetadata().getName().equals(job.name()));
    }

    @Override
    public List<HasMetadata> listOwned(JobKind kind, String appId) {
      if (unlistable.contains(kind)) {
        throw new IllegalStateException("forbidden to watch " + kind.kubernetesKind());
      }
      return kind.equals(JobKind.CONFIG_MAP)
          ? configMaps.stream()
              .filter(o -> appId.equals(o.getMetadata().getLabels().get(Labels.APP_ID)))
              .toList()
          : List.of();
    }

    @Override
    public ObjectPreview preview(Job job) {
      return new ObjectPreview(PlanAction.UNCHANGED, PlanMethod.CLIENT_COMPARISON, List.of(), null);
    }

    void leftOver(String appId, String name) {
      configMaps.add(
          new ConfigMapBuilder()
              .withNewMetadata()
              .withName(name)
              .withNamespace("default")
              .withLabels(Map.of(Labels.APP_ID, appId, Labels.COMPONENT_NAME, "gone"))
              .endMetadata()
              .build());
    }
  }

  @Test
  void aTaskWhoseApplicationChangedWhileItRanLeavesTheGarbageToTheNextTask() {
    try (KubeMin kubemin = KubeMin.builder().jobExecutor(executor).build()) {
      kubemin.start();
      Application first = app("shop", List.of(web("api")));
      String appId = kubemin.createApplication(first).id();
      executor.leftOver(appId, "old-settings");
      CountDownLatch held = executor.jobs.hold(Naming.deployment("api", appId));
      String taskId = kubemin.exec(appId);
      await().atMost(Duration.ofSeconds(10)).until(() -> !executor.jobs.started().isEmpty());

      kubemin.createApplication(
          first.toBuilder().id(appId).components(List.of(web("api"), web("cache"))).build());
      held.countDown();
      Task changed = awaitEnd(kubemin, taskId);

      assertThat(changed.status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(executor.deleted).isEmpty();

      Task next = awaitEnd(kubemin, kubemin.exec(appId));

      assertThat(next.status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(executor.deleted).containsExactly("old-settings");
      assertThat(kubemin.jobs(next.id()))
          .filteredOn(j -> j.stepName().equals("garbage-collection"))
          .singleElement()
          .satisfies(j -> assertThat(j.componentName()).isEqualTo("gone"));
    }
  }

  @Test
  void collectionSwitchedOffDeletesNothingAndThePlanSaysSo() {
    try (KubeMin kubemin =
        KubeMin.builder()
            .jobExecutor(executor)
            .garbageCollection(GarbageCollection.off())
            .build()) {
      kubemin.start();
      String appId = kubemin.createApplication(app("shop", List.of(web("api")))).id();
      executor.leftOver(appId, "old-settings");

      ApplicationPlan plan = kubemin.plan(appId);
      Task task = awaitEnd(kubemin, kubemin.exec(appId));

      assertThat(plan.objects()).noneMatch(o -> o.action() == PlanAction.DELETE);
      assertThat(plan.warnings()).singleElement().asString().contains("garbage collection is off");
      assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(executor.deleted).isEmpty();
    }
  }

  @Test
  void anUnlistableKindFailsTheTaskOnlyWhenTheApplicationUsesIt() {
    executor.unlistable.add(JobKind.CLUSTER_ROLE);
    try (KubeMin kubemin = KubeMin.builder().jobExecutor(executor).build()) {
      kubemin.start();
      String appId =
          kubemin.createApplication(app("shop", List.of(web("api"), TestApps.config("cfg")))).id();

      assertThat(awaitEnd(kubemin, kubemin.exec(appId)).status()).isEqualTo(TaskStatus.COMPLETED);

      executor.unlistable.add(JobKind.CONFIG_MAP);
      Task failed = awaitEnd(kubemin, kubemin.exec(appId));

      assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
      assertThat(failed.error())
          .isEqualTo(
              "garbage collection incomplete: cannot list ConfigMap (forbidden to watch"
                  + " ConfigMap)");
    }
  }

  @Test
  void aPlanOfAnInstanceWithoutExecutorsIsRefused() {
    try (KubeMin kubemin = KubeMin.builder().roles(io.kubemin.spi.Role.API).build()) {
      String appId = kubemin.createApplication(app("shop", List.of(web("api")))).id();

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> kubemin.plan(appId))
          .isInstanceOf(io.kubemin.plan.PlanUnavailableException.class)
          .hasMessageContaining("plan needs a JobExecutor");
    }
  }
}
