package io.kubemin.k8s;

import static io.kubemin.k8s.TestObjects.NS;
import static io.kubemin.k8s.TestObjects.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kubemin.k8s.sandbox.KubeSandbox;
import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.model.Component;
import io.kubemin.model.ComponentType;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.spi.ComponentStatus;
import io.kubemin.spi.JobKind;
import io.kubemin.workflow.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KubernetesStatusSyncIT {
  private static KubeSandbox sandbox;
  private static KubernetesJobExecutor executor;
  private static KubernetesStatusSync sync;
  private static InMemoryDataStore store;

  private static final java.util.List<Duration> LAGS =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    sandbox = KubeSandbox.builder().rolloutDelay(Duration.ofMillis(100)).start();
    executor = new KubernetesJobExecutor(sandbox.client());
    store = new InMemoryDataStore();
    sync = new KubernetesStatusSync(sandbox.client()).eventLag(LAGS::add);
    sync.start(store, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    sync.stop();
    executor.close();
    sandbox.close();
  }

  @Test
  void statusFollowsRolloutScaleDownAndDelete() throws InterruptedException {
    String app = "appstatus";
    String componentId = app + "cweb";
    store.putComponent(component(componentId, app));
    Deployment web = TestObjects.deployment(app, "web", 2, "web:1");

    assertThat(
            executor
                .run(
                    job(app, JobKind.DEPLOYMENT, web),
                    FakeJobContext.withTimeout(Duration.ofSeconds(20)))
                .status())
        .isEqualTo(JobStatus.COMPLETED);
    awaitStatus(app, componentId, ComponentStatus.RUNNING, 2);

    sandbox
        .client()
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName(web.getMetadata().getName())
        .scale(1);
    awaitStatus(app, componentId, ComponentStatus.RUNNING, 1);

    sandbox
        .client()
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName(web.getMetadata().getName())
        .scale(0);
    awaitStatus(app, componentId, ComponentStatus.FAILED, 0);

    sandbox
        .client()
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName(web.getMetadata().getName())
        .scale(2);
    awaitStatus(app, componentId, ComponentStatus.RUNNING, 2);
    sandbox
        .client()
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName(web.getMetadata().getName())
        .delete();
    awaitStatus(app, componentId, ComponentStatus.FAILED, 0);
  }

  @Test
  void aWorkloadThatNeverBecomesReadyIsPending() throws InterruptedException {
    String app = "apppending";
    String componentId = app + "cdb";
    store.putComponent(component(componentId, app));
    var db = TestObjects.statefulSet(app, "db", 1, "db:1");
    sandbox.neverReady("StatefulSet", NS, db.getMetadata().getName());

    sandbox.client().resource(db).create();

    awaitStatus(app, componentId, ComponentStatus.PENDING, 0);
  }

  @Test
  void eachStatusWrittenReportsItsInformerEventLag() throws InterruptedException {
    String app = "applag";
    String componentId = app + "cweb";
    store.putComponent(component(componentId, app));
    int before = LAGS.size();

    sandbox.client().resource(TestObjects.deployment(app, "web", 1, "web:1")).create();

    awaitStatus(app, componentId, ComponentStatus.RUNNING, 1);
    assertThat(LAGS.size()).isGreaterThan(before);
    assertThat(LAGS.subList(before, LAGS.size()))
        .allSatisfy(lag -> assertThat(lag).isBetween(Duration.ZERO, Duration.ofSeconds(10)));
  }

  private static void awaitStatus(
      String app, String componentId, ComponentStatus status, int ready) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              ComponentRecord record =
                  store
                      .listComponents(componentId.substring(0, componentId.indexOf('c', 3)))
                      .stream()
                      .filter(c -> c.id().equals(componentId))
                      .findFirst()
                      .orElseThrow();
              assertThat(record.status()).isEqualTo(status);
              assertThat(record.readyReplicas()).isEqualTo(ready);
            });
  }

  private static ComponentRecord component(String id, String appId) {
    Instant now = Instant.now();
    Component spec =
        Component.builder().name("c").type(ComponentType.WEBSERVICE).image("x").build();
    return new ComponentRecord(id, appId, 0, spec, ComponentStatus.UNKNOWN, 0, now, now);
  }
}
