package io.kubemin.k8s;

import static io.kubemin.k8s.TestObjects.NS;
import static io.kubemin.k8s.TestObjects.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubemin.k8s.sandbox.KubeSandbox;
import io.kubemin.spi.Job;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.JobOutcome;
import io.kubemin.workflow.JobStatus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KubernetesJobExecutorIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static KubeSandbox sandbox;
  private static KubernetesClient client;
  private static KubernetesJobExecutor executor;

  @BeforeAll
  static void start() {
    sandbox = KubeSandbox.builder().rolloutDelay(Duration.ofMillis(100)).start();
    client = sandbox.client();
    executor = new KubernetesJobExecutor(client);
  }

  @AfterAll
  static void stop() {
    executor.close();
    sandbox.close();
  }

  private static void createClassBindingAtFirstUse(String name) {
    client
        .storage()
        .v1()
        .storageClasses()
        .resource(
            new StorageClassBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withProvisioner("x")
                .withVolumeBindingMode("WaitForFirstConsumer")
                .build())
        .create();
  }

  private static JobOutcome run(Job job) throws InterruptedException {
    return executor.run(job, FakeJobContext.withTimeout(TIMEOUT));
  }

  @Test
  void deploysEachKindAndRecordsWhatItCreated() throws InterruptedException {
    String app = "appkinds";
    FakeJobContext context = FakeJobContext.withTimeout(TIMEOUT);
    var jobs =
        java.util.List.of(
            job(app, JobKind.CONFIG_MAP, TestObjects.configMap(app, "conf", Map.of("a", "1"))),
            job(app, JobKind.SECRET, TestObjects.secret(app, "sec", Map.of("pw", "x"))),
            job(app, JobKind.PERSISTENT_VOLUME_CLAIM, TestObjects.claim(app, "data")),
            job(app, JobKind.SERVICE_ACCOUNT, TestObjects.serviceAccount(app, "kinds-sa")),
            job(app, JobKind.CLUSTER_ROLE, TestObjects.clusterRole(app, "kinds-role")),
            job(app, JobKind.SERVICE, TestObjects.service(app, "web")),
            job(app, JobKind.STATEFUL_SET, TestObjects.statefulSet(app, "db", 2, "db:1")),
            job(app, JobKind.DEPLOYMENT, TestObjects.deployment(app, "web", 2, "web:1")));

    for (Job job : jobs) {
      assertThat(executor.run(job, context).status())
          .as(job.describe())
          .isEqualTo(JobStatus.COMPLETED);
    }

    assertThat(context.createdObjects()).hasSize(jobs.size());
    Deployment web =
        client.apps().deployments().inNamespace(NS).withName("deploy-web-" + app).get();
    assertThat(web.getStatus().getReadyReplicas()).isEqualTo(2);
    assertThat(
            client
                .persistentVolumeClaims()
                .inNamespace(NS)
                .withName("data")
                .get()
                .getStatus()
                .getPhase())
        .isEqualTo("Bound");
    assertThat(context.progressMessages()).isNotEmpty();
  }

  @Test
  void anUnchangedRedeployMakesNoApiRequest() throws InterruptedException {
    String app = "appsame";
    var jobs =
        java.util.List.of(
            job(app, JobKind.CONFIG_MAP, TestObjects.configMap(app, "same-conf", Map.of("a", "1"))),
            job(app, JobKind.SECRET, TestObjects.secret(app, "same-sec", Map.of("pw", "x"))),
            job(app, JobKind.SERVICE, TestObjects.service(app, "same")),
            job(app, JobKind.DEPLOYMENT, TestObjects.deployment(app, "same", 1, "web:1")));
    for (Job job : jobs) {
      assertThat(run(job).status()).isEqualTo(JobStatus.COMPLETED);
    }
    String version = resourceVersion(app, "same");

    sandbox.resetRequestCounts();
    FakeJobContext again = FakeJobContext.withTimeout(TIMEOUT);
    for (Job job : jobs) {
      assertThat(executor.run(job, again).status()).isEqualTo(JobStatus.COMPLETED);
    }

    assertThat(sandbox.requestCounts()).isEmpty();
    assertThat(again.createdObjects()).isEmpty();
    assertThat(resourceVersion(app, "same")).isEqualTo(version);
  }

  @Test
  void replicasOnlyAndImageOnlyChangesReachTheCluster() throws InterruptedException {
    String app = "appscale";
    assertThat(
            run(job(app, JobKind.DEPLOYMENT, TestObjects.deployment(app, "web", 1, "web:1")))
                .status())
        .isEqualTo(JobStatus.COMPLETED);

    assertThat(
            run(job(app, JobKind.DEPLOYMENT, TestObjects.deployment(app, "web", 3, "web:1")))
                .status())
        .isEqualTo(JobStatus.COMPLETED);
    Deployment scaled =
        client.apps().deployments().inNamespace(NS).withName("deploy-web-" + app).get();
    assertThat(scaled.getSpec().getReplicas()).isEqualTo(3);
    assertThat(scaled.getStatus().getReadyReplicas()).isEqualTo(3);

    assertThat(
            run(job(app, JobKind.DEPLOYMENT, TestObjects.deployment(app, "web", 3, "web:2")))
                .status())
        .isEqualTo(JobStatus.COMPLETED);
    Deployment updated =
        client.apps().deployments().inNamespace(NS).withName("deploy-web-" + app).get();
    assertThat(updated.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("web:2");
    assertThat(updated.getStatus().getObservedGeneration())
        .isEqualTo(updated.getMetadata().getGeneration());
  }

  @Test
  void anExistingStatefulSetIsUpdated() throws InterruptedException {
    String app = "appstore";
    assertThat(
            run(job(app, JobKind.STATEFUL_SET, TestObjects.statefulSet(app, "db", 1, "db:1")))
                .status())
        .isEqualTo(JobStatus.COMPLETED);

    JobOutcome outcome =
        run(job(app, JobKind.STATEFUL_SET, TestObjects.statefulSet(app, "db", 2, "db:2")));

    assertThat(outcome.status()).isEqualTo(JobStatus.COMPLETED);
    StatefulSet db = client.apps().statefulSets().inNamespace(NS).withName("store-db-" + app).get();
    assertThat(db.getSpec().getReplicas()).isEqualTo(2);
    assertThat(db.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("db:2");
    assertThat(db.getStatus().getReadyReplicas()).isEqualTo(2);
  }

  @Test
  void zeroReplicasIsReadyAtOnce() throws InterruptedException {
    String app = "appzero";
    assertThat(
            run(job(app, JobKind.DEPLOYMENT, TestObjects.deployment(app, "idle", 0, "web:1")))
                .status())
        .isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void aNeverReadyDeploymentFailsAtTheDeadlineAndCleanupDeletesIt() throws InterruptedException {
    String app = "appstuck";
    Deployment stuck = TestObjects.deployment(app, "stuck", 2, "web:1");
    sandbox.neverReady("Deployment", NS, stuck.getMetadata().getName());
    FakeJobContext context = FakeJobContext.withTimeout(Duration.ofMillis(800));
    Job job = job(app, JobKind.DEPLOYMENT, stuck);

    JobOutcome outcome = executor.run(job, context);
    executor.cleanup(job, context);

    assertThat(outcome.status()).isEqualTo(JobStatus.FAILED);
    assertThat(outcome.message())
        .contains("not ready before the deadline")
        .contains("0/2 replicas");
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace(NS)
                .withName(stuck.getMetadata().getName())
                .get())
        .isNull();
  }

  @Test
  void aWorkerWhoseLeaseRanOutAppliesNothingAndDeletesNothing() throws InterruptedException {
    String app = "applate";
    Deployment late = TestObjects.deployment(app, "late", 1, "web:1");
    FakeJobContext context = FakeJobContext.withTimeout(Duration.ofSeconds(5));
    context.loseLease();
    Job job = job(app, JobKind.DEPLOYMENT, late);

    JobOutcome outcome = executor.run(job, context);

    assertThat(outcome.status()).isEqualTo(JobStatus.FAILED);
    assertThat(outcome.message()).contains("lease ran out");
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace(NS)
                .withName(late.getMetadata().getName())
                .get())
        .isNull();

    FakeJobContext created = FakeJobContext.withTimeout(Duration.ofSeconds(5));
    assertThat(executor.run(job, created).status()).isEqualTo(JobStatus.COMPLETED);
    created.loseLease();
    executor.cleanup(job, created);
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace(NS)
                .withName(late.getMetadata().getName())
                .get())
        .as("a cleanup past the lease leaves the object to the worker that now owns the task")
        .isNotNull();
  }

  @Test
  void cleanupLeavesObjectsThatExistedBefore() throws InterruptedException {
    String app = "appkeep";
    Deployment keep = TestObjects.deployment(app, "keep", 1, "web:1");
    assertThat(run(job(app, JobKind.DEPLOYMENT, keep)).status()).isEqualTo(JobStatus.COMPLETED);
    sandbox.neverReady("Deployment", NS, keep.getMetadata().getName());
    FakeJobContext context = FakeJobContext.withTimeout(Duration.ofMillis(500));
    Job update = job(app, JobKind.DEPLOYMENT, TestObjects.deployment(app, "keep", 1, "web:2"));

    assertThat(executor.run(update, context).status()).isEqualTo(JobStatus.FAILED);
    executor.cleanup(update, context);

    assertThat(context.createdObjects()).isEmpty();
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace(NS)
                .withName(keep.getMetadata().getName())
                .get())
        .isNotNull();
  }

  @Test
  void anInterruptEndsTheWaitAtOnce() throws Exception {
    String app = "appcancel";
    Deployment stuck = TestObjects.deployment(app, "cancel", 1, "web:1");
    sandbox.neverReady("Deployment", NS, stuck.getMetadata().getName());
    FakeJobContext context = FakeJobContext.withTimeout(TIMEOUT);
    AtomicReference<Thread> runner = new AtomicReference<>();
    CompletableFuture<Throwable> ended =
        CompletableFuture.supplyAsync(
            () -> {
              runner.set(Thread.currentThread());
              try {
                executor.run(job(app, JobKind.DEPLOYMENT, stuck), context);
                return null;
              } catch (InterruptedException e) {
                return e;
              }
            });
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> context.progressMessages().stream().anyMatch(m -> m.contains("replicas")));

    long start = System.nanoTime();
    runner.get().interrupt();
    Throwable thrown = ended.get(1, TimeUnit.SECONDS);

    assertThat(thrown).isInstanceOf(InterruptedException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void rbacObjectsThatAreNotOursAreLeftUntouched() throws InterruptedException {
    String app = "apprbac";
    client
        .serviceAccounts()
        .inNamespace(NS)
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName("foreign-sa")
                .withNamespace(NS)
                .endMetadata()
                .build())
        .create();

    JobOutcome outcome =
        run(job(app, JobKind.SERVICE_ACCOUNT, TestObjects.serviceAccount(app, "foreign-sa")));

    assertThat(outcome.status()).isEqualTo(JobStatus.SKIPPED);
    assertThat(outcome.message()).contains("not managed by this application");
    assertThat(
            client
                .serviceAccounts()
                .inNamespace(NS)
                .withName("foreign-sa")
                .get()
                .getMetadata()
                .getLabels())
        .isNullOrEmpty();
  }

  @Test
  void shareStrategiesDecideWhetherToApply() throws InterruptedException {
    assertThat(
            run(job(
                    "appsharea",
                    JobKind.CONFIG_MAP,
                    TestObjects.shared(
                        TestObjects.configMap("appsharea", "shared-a", Map.of("k", "a")),
                        "team",
                        "default")))
                .status())
        .isEqualTo(JobStatus.COMPLETED);

    JobOutcome other =
        run(
            job(
                "appshareb",
                JobKind.CONFIG_MAP,
                TestObjects.shared(
                    TestObjects.configMap("appshareb", "shared-b", Map.of("k", "b")),
                    "team",
                    "default")));
    JobOutcome ignored =
        run(
            job(
                "appsharec",
                JobKind.CONFIG_MAP,
                TestObjects.shared(
                    TestObjects.configMap("appsharec", "shared-c", Map.of("k", "c")),
                    "team",
                    "ignore")));
    JobOutcome forced =
        run(
            job(
                "appshared",
                JobKind.CONFIG_MAP,
                TestObjects.shared(
                    TestObjects.configMap("appshared", "shared-d", Map.of("k", "d")),
                    "team",
                    "force")));
    JobOutcome again =
        run(
            job(
                "appsharea",
                JobKind.CONFIG_MAP,
                TestObjects.shared(
                    TestObjects.configMap("appsharea", "shared-a", Map.of("k", "a2")),
                    "team",
                    "default")));

    assertThat(other.status()).isEqualTo(JobStatus.SKIPPED);
    // Either the cache already shows app A's object, or its claim in the cluster blocks B.
    assertThat(other.message()).contains("application appsharea");
    assertThat(ignored.status()).isEqualTo(JobStatus.SKIPPED);
    assertThat(forced.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(again.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(client.configMaps().inNamespace(NS).withName("shared-b").get()).isNull();
    assertThat(client.configMaps().inNamespace(NS).withName("shared-c").get()).isNull();
    assertThat(client.configMaps().inNamespace(NS).withName("shared-a").get().getData())
        .containsEntry("k", "a2");
  }

  @Test
  void aShareClaimedInTheClusterBlocksAConcurrentApplication() throws InterruptedException {
    assertThat(
            run(job(
                    "appclaima",
                    JobKind.CLUSTER_ROLE,
                    TestObjects.shared(
                        TestObjects.clusterRole("appclaima", "claim-a"), "ops", "default")))
                .status())
        .isEqualTo(JobStatus.COMPLETED);
    client.rbac().clusterRoles().withName("claim-a").delete();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> client.rbac().clusterRoles().withName("claim-a").get() == null);

    JobOutcome second =
        run(
            job(
                "appclaimb",
                JobKind.CLUSTER_ROLE,
                TestObjects.shared(
                    TestObjects.clusterRole("appclaimb", "claim-b"), "ops", "default")));

    assertThat(second.status()).isEqualTo(JobStatus.SKIPPED);
    assertThat(second.message()).contains("claimed by application appclaima");
  }

  @Test
  void deleteRemovesOnlyObjectsOfTheApplication() throws InterruptedException {
    String app = "appdelete";
    ConfigMap mine = TestObjects.configMap(app, "mine", Map.of("a", "1"));
    assertThat(run(job(app, JobKind.CONFIG_MAP, mine)).status()).isEqualTo(JobStatus.COMPLETED);

    boolean byOther = executor.delete(job("someoneelse", JobKind.CONFIG_MAP, mine));
    boolean byOwner = executor.delete(job(app, JobKind.CONFIG_MAP, mine));
    boolean again = executor.delete(job(app, JobKind.CONFIG_MAP, mine));

    assertThat(byOther).isFalse();
    assertThat(byOwner).isTrue();
    assertThat(again).isFalse();
    assertThat(client.configMaps().inNamespace(NS).withName("mine").get()).isNull();
  }

  @Test
  void aClaimOnAWaitForFirstConsumerClassIsReadyWhilePending() throws InterruptedException {
    String app = "appwffc";
    createClassBindingAtFirstUse("lazy");
    var claim = TestObjects.claim(app, "lazy-claim");
    claim.getSpec().setStorageClassName("lazy");
    sandbox.neverReady("PersistentVolumeClaim", NS, "lazy-claim");

    assertThat(run(job(app, JobKind.PERSISTENT_VOLUME_CLAIM, claim)).status())
        .isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void aClaimIsReadyOnceTheStorageClassItWaitsOnTurnsOutToBindAtFirstUse() throws Exception {
    String app = "appclasslater";
    var claim = TestObjects.claim(app, "later-claim");
    claim.getSpec().setStorageClassName("later");
    sandbox.neverReady("PersistentVolumeClaim", NS, "later-claim");
    CompletableFuture<JobOutcome> outcome =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return run(job(app, JobKind.PERSISTENT_VOLUME_CLAIM, claim));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    client
        .persistentVolumeClaims()
        .inNamespace(NS)
        .withName("later-claim")
        .waitUntilCondition(java.util.Objects::nonNull, 10, TimeUnit.SECONDS);

    createClassBindingAtFirstUse("later");

    assertThat(outcome.get(10, TimeUnit.SECONDS).status()).isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void urlModeConfigMapsGetTheirDataAtApplyTime() throws Exception {
    String app = "appurl";
    try (ContentServer content = ContentServer.serving("/conf.yaml", "level: debug\n")) {
      ConfigMap fromUrl = TestObjects.configMap(app, "from-url", null);
      fromUrl
          .getMetadata()
          .setAnnotations(
              Map.of(
                  "kubemin.io/source-url",
                  content.url("/conf.yaml"),
                  "kubemin.io/source-file",
                  "app.yaml"));
      ConfigMap missing = TestObjects.configMap(app, "missing-url", null);
      missing
          .getMetadata()
          .setAnnotations(Map.of("kubemin.io/source-url", content.url("/nothing?token=s3cret")));

      JobOutcome fetched = run(job(app, JobKind.CONFIG_MAP, fromUrl));
      JobOutcome notFound = run(job(app, JobKind.CONFIG_MAP, missing));

      assertThat(fetched.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(client.configMaps().inNamespace(NS).withName("from-url").get().getData())
          .containsEntry("app.yaml", "level: debug\n");
      assertThat(notFound.status()).isEqualTo(JobStatus.FAILED);
      assertThat(notFound.message()).contains("HTTP 404").doesNotContain("s3cret");
    }
  }

  private static String resourceVersion(String app, String name) {
    return client
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName("deploy-" + name + "-" + app)
        .get()
        .getMetadata()
        .getResourceVersion();
  }
}
