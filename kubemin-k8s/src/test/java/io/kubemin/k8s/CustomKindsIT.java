package io.kubemin.k8s;

import static io.kubemin.k8s.TestObjects.NS;
import static io.kubemin.k8s.TestObjects.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.kubemin.k8s.sandbox.KubeSandbox;
import io.kubemin.spi.Job;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.JobOutcome;
import io.kubemin.workflow.JobStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Kinds KubeMin does not know: a custom resource applied, awaited, cleaned up and deleted. */
class CustomKindsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final ResourceDefinitionContext CERTIFICATES =
      new ResourceDefinitionContext.Builder()
          .withGroup("cert-manager.io")
          .withVersion("v1")
          .withKind("Certificate")
          .withPlural("certificates")
          .withNamespaced(true)
          .build();

  private static KubeSandbox sandbox;
  private static KubernetesClient client;
  private static KubernetesJobExecutor executor;
  private static KubernetesJobExecutor strictExecutor;

  @BeforeAll
  static void start() {
    sandbox = KubeSandbox.start();
    client = sandbox.client();
    client.apiextensions().v1().customResourceDefinitions().resource(certificateCrd()).create();
    executor = new KubernetesJobExecutor(client, KubernetesSettings.defaults(), List.of());
    strictExecutor =
        new KubernetesJobExecutor(
            client, KubernetesSettings.defaults(), List.of(new NeedsReadyCondition()));
  }

  @AfterAll
  static void stop() {
    strictExecutor.close();
    executor.close();
    sandbox.close();
  }

  @Test
  void anObjectWithoutStatusIsReadyOnceApplied() throws InterruptedException {
    GenericKubernetesResource certificate = certificate("appcr1", "web-tls");
    Job job = job("appcr1", JobKind.of(certificate), certificate);
    FakeJobContext context = FakeJobContext.withTimeout(TIMEOUT);

    assertThat(executor.run(job, context).status()).isEqualTo(JobStatus.COMPLETED);

    GenericKubernetesResource stored = stored("web-tls");
    assertThat(stored).isNotNull();
    assertThat(stored.getMetadata().getLabels()).containsEntry("kube-min-cli-appId", "appcr1");
    assertThat(context.createdObjects()).hasSize(1);
  }

  @Test
  void aRuleListedInMetaInfServicesJudgesItsKind() throws InterruptedException {
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .resource(
            new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName("gadgets.example.com")
                .endMetadata()
                .withNewSpec()
                .withGroup("example.com")
                .withScope("Namespaced")
                .withNewNames()
                .withKind("Gadget")
                .withPlural("gadgets")
                .endNames()
                .addNewVersion()
                .withName("v1")
                .withServed(true)
                .withStorage(true)
                .endVersion()
                .endSpec()
                .build())
        .create();
    GenericKubernetesResource gadget =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("example.com/v1")
            .withKind("Gadget")
            .withNewMetadata()
            .withName("g1")
            .withNamespace(NS)
            .withLabels(TestObjects.labels("appcr8", "web"))
            .withAnnotations(Map.of("example.com/broken", "yes"))
            .endMetadata()
            .build();

    try (KubernetesJobExecutor discovering = new KubernetesJobExecutor(client)) {
      JobOutcome outcome =
          discovering.run(
              job("appcr8", JobKind.of(gadget), gadget), FakeJobContext.withTimeout(TIMEOUT));

      assertThat(outcome.status()).isEqualTo(JobStatus.FAILED);
      assertThat(outcome.message()).endsWith("the gadget is broken");
    }
  }

  @Test
  void aClusterScopedCustomResourceNeedsItsScopeSaid() throws InterruptedException {
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .resource(
            new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName("clusterissuers.cert-manager.io")
                .endMetadata()
                .withNewSpec()
                .withGroup("cert-manager.io")
                .withScope("Cluster")
                .withNewNames()
                .withKind("ClusterIssuer")
                .withPlural("clusterissuers")
                .endNames()
                .addNewVersion()
                .withName("v1")
                .withServed(true)
                .withStorage(true)
                .endVersion()
                .endSpec()
                .build())
        .create();
    GenericKubernetesResource issuer =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("cert-manager.io/v1")
            .withKind("ClusterIssuer")
            .withNewMetadata()
            .withName("letsencrypt")
            .withLabels(TestObjects.labels("appcr9", "web"))
            .endMetadata()
            .addToAdditionalProperties("spec", Map.of("selfSigned", Map.of()))
            .build();

    JobOutcome guessed =
        executor.run(
            job("appcr9", JobKind.of(issuer), issuer), FakeJobContext.withTimeout(TIMEOUT));
    JobKind clusterScoped = JobKind.custom("cert-manager.io", "v1", "ClusterIssuer", false, 1);
    JobOutcome said =
        executor.run(job("appcr9", clusterScoped, issuer), FakeJobContext.withTimeout(TIMEOUT));

    assertThat(guessed.status()).isEqualTo(JobStatus.FAILED);
    assertThat(guessed.message())
        .contains("ClusterIssuer (cert-manager.io/v1) is cluster-scoped in the cluster")
        .contains("JobKind.custom(\"cert-manager.io\", \"v1\", \"ClusterIssuer\", false, band)");
    assertThat(said.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(
            client
                .genericKubernetesResources("cert-manager.io/v1", "ClusterIssuer")
                .withName("letsencrypt")
                .get())
        .isNotNull();
  }

  @Test
  void anUnchangedCustomResourceIsNotWrittenAgain() throws InterruptedException {
    GenericKubernetesResource certificate = certificate("appcr7", "same-tls");
    Job job = job("appcr7", JobKind.of(certificate), certificate);
    assertThat(executor.run(job, FakeJobContext.withTimeout(TIMEOUT)).status())
        .isEqualTo(JobStatus.COMPLETED);
    await().atMost(TIMEOUT).until(() -> stored("same-tls") != null);
    String version = stored("same-tls").getMetadata().getResourceVersion();

    FakeJobContext again = FakeJobContext.withTimeout(TIMEOUT);
    assertThat(
            executor
                .run(job("appcr7", job.kind(), certificate("appcr7", "same-tls")), again)
                .status())
        .isEqualTo(JobStatus.COMPLETED);

    assertThat(again.createdObjects()).isEmpty();
    assertThat(stored("same-tls").getMetadata().getResourceVersion()).isEqualTo(version);
  }

  @Test
  void aReadyConditionTheTestWritesEndsTheWait() throws Exception {
    GenericKubernetesResource certificate = certificate("appcr2", "api-tls");
    Job job = job("appcr2", JobKind.of(certificate), certificate);
    FakeJobContext context = FakeJobContext.withTimeout(TIMEOUT);
    CompletableFuture<JobOutcome> outcome = runAsync(strictExecutor, job, context);

    await().atMost(TIMEOUT).until(() -> stored("api-tls") != null);
    writeCondition("api-tls", "False", "Issuing");
    await()
        .atMost(TIMEOUT)
        .until(() -> context.progressMessages().stream().anyMatch(m -> m.contains("Issuing")));
    assertThat(outcome).isNotDone();

    writeCondition("api-tls", "True", "Issued");

    assertThat(outcome.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).status())
        .isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void theConventionWaitsForAReadyConditionThatIsFalse() throws Exception {
    GenericKubernetesResource previous = certificate("appcr3", "db-tls");
    client.genericKubernetesResources(CERTIFICATES).inNamespace(NS).resource(previous).create();
    writeCondition("db-tls", "False", "Pending");
    // The job changes the spec, so its apply writes and reads the object back, status included.
    GenericKubernetesResource certificate = certificate("appcr3", "db-tls");
    certificate.setAdditionalProperty("spec", Map.of("secretName", "db-tls-v2"));
    Job job = job("appcr3", JobKind.of(certificate), certificate);
    FakeJobContext context = FakeJobContext.withTimeout(TIMEOUT);
    CompletableFuture<JobOutcome> outcome = runAsync(executor, job, context);

    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                outcome.isDone()
                    || context.progressMessages().stream().anyMatch(m -> m.contains("Ready=True")));
    assertThat(outcome).as(() -> outcome.join() + " " + stored("db-tls")).isNotDone();
    assertThat(context.progressMessages())
        .anySatisfy(m -> assertThat(m).contains("Ready=True").contains("Pending"));

    writeCondition("db-tls", "True", "Issued");

    assertThat(outcome.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).status())
        .isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void cleanupAfterAFailedJobDeletesTheCreatedObject() throws InterruptedException {
    GenericKubernetesResource certificate = certificate("appcr4", "never-tls");
    Job job = job("appcr4", JobKind.of(certificate), certificate);
    FakeJobContext context = FakeJobContext.withTimeout(Duration.ofMillis(800));

    JobOutcome outcome = strictExecutor.run(job, context);
    assertThat(outcome.status()).isEqualTo(JobStatus.FAILED);
    assertThat(outcome.message()).contains("Certificate/default/never-tls");
    assertThat(stored("never-tls")).isNotNull();

    strictExecutor.cleanup(job, context);

    await().atMost(TIMEOUT).until(() -> stored("never-tls") == null);
  }

  @Test
  void deleteRemovesTheApplicationsObjectOnly() throws InterruptedException {
    GenericKubernetesResource certificate = certificate("appcr5", "gone-tls");
    Job job = job("appcr5", JobKind.of(certificate), certificate);
    assertThat(executor.run(job, FakeJobContext.withTimeout(TIMEOUT)).status())
        .isEqualTo(JobStatus.COMPLETED);

    assertThat(executor.delete(job("other-app", job.kind(), certificate))).isFalse();
    assertThat(executor.delete(job)).isTrue();

    await().atMost(TIMEOUT).until(() -> stored("gone-tls") == null);
    assertThat(executor.delete(job)).isFalse();
  }

  @Test
  void aKindWhoseDefinitionIsNotInstalledFailsTheJobNamingTheKind() throws InterruptedException {
    GenericKubernetesResource widget =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("example.com/v1")
            .withKind("Widget")
            .withNewMetadata()
            .withName("w1")
            .withNamespace(NS)
            .withLabels(TestObjects.labels("appcr6", "web"))
            .endMetadata()
            .build();
    Job job = job("appcr6", JobKind.of(widget), widget);

    JobOutcome outcome = executor.run(job, FakeJobContext.withTimeout(TIMEOUT));

    assertThat(outcome.status()).isEqualTo(JobStatus.FAILED);
    assertThat(outcome.message())
        .contains("Widget (example.com/v1) is not served by the cluster")
        .contains("CustomResourceDefinition");
    assertThat(executor.delete(job)).isFalse();
  }

  private static CompletableFuture<JobOutcome> runAsync(
      KubernetesJobExecutor which, Job job, FakeJobContext context) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return which.run(job, context);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        });
  }

  private static GenericKubernetesResource stored(String name) {
    return client.genericKubernetesResources(CERTIFICATES).inNamespace(NS).withName(name).get();
  }

  private static void writeCondition(String name, String status, String reason) {
    GenericKubernetesResource current = stored(name);
    current.setAdditionalProperty(
        "status",
        Map.of("conditions", List.of(Map.of("type", "Ready", "status", status, "reason", reason))));
    client
        .genericKubernetesResources(CERTIFICATES)
        .inNamespace(NS)
        .resource(current)
        .updateStatus();
  }

  static GenericKubernetesResource certificate(String appId, String name) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("cert-manager.io/v1")
        .withKind("Certificate")
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withLabels(TestObjects.labels(appId, "web"))
        .endMetadata()
        .addToAdditionalProperties(
            "spec", Map.of("secretName", name, "dnsNames", List.of(name + ".example.com")))
        .build();
  }

  static CustomResourceDefinition certificateCrd() {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName("certificates.cert-manager.io")
        .endMetadata()
        .withNewSpec()
        .withGroup("cert-manager.io")
        .withScope("Namespaced")
        .withNewNames()
        .withKind("Certificate")
        .withPlural("certificates")
        .withSingular("certificate")
        .endNames()
        .addNewVersion()
        .withName("v1")
        .withServed(true)
        .withStorage(true)
        .withNewSubresources()
        .withNewStatus()
        .endStatus()
        .endSubresources()
        .endVersion()
        .endSpec()
        .build();
  }

  /** cert-manager's rule: a Certificate is ready only once its Ready condition is True. */
  static final class NeedsReadyCondition implements ReadinessRule {
    @Override
    public boolean supports(JobKind kind) {
      return kind.group().equals("cert-manager.io") && kind.kubernetesKind().equals("Certificate");
    }

    @Override
    @SuppressWarnings("unchecked")
    public Result check(HasMetadata object) {
      Object status = ((GenericKubernetesResource) object).getAdditionalProperties().get("status");
      Object found = status instanceof Map<?, ?> map ? map.get("conditions") : null;
      List<Map<String, Object>> conditions =
          found == null ? List.of() : (List<Map<String, Object>>) found;
      return conditions.stream()
          .filter(c -> "Ready".equals(c.get("type")))
          .findFirst()
          .map(
              c ->
                  "True".equals(c.get("status"))
                      ? Result.ready()
                      : Result.waiting("certificate not issued yet: " + c.get("reason")))
          .orElse(Result.waiting("certificate not issued yet"));
    }
  }
}
