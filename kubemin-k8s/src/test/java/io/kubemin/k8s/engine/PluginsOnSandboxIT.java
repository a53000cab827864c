package io.kubemin.k8s.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.kubemin.ApplicationInfo;
import io.kubemin.KubeMin;
import io.kubemin.k8s.KubernetesJobExecutor;
import io.kubemin.k8s.KubernetesSettings;
import io.kubemin.k8s.ReadinessRule;
import io.kubemin.k8s.sandbox.KubeSandbox;
import io.kubemin.model.Application;
import io.kubemin.model.ModelCodec;
import io.kubemin.spi.JobKind;
import io.kubemin.trait.Policy;
import io.kubemin.trait.PolicyContext;
import io.kubemin.trait.TraitContext;
import io.kubemin.trait.TraitProcessor;
import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plugins through the public API on the sandbox: a trait that adds a custom resource (a
 * cert-manager Certificate) and a policy that labels every workload, deployed, rolled back after a
 * failed step and deleted with the application.
 */
class PluginsOnSandboxIT {
  private static final ResourceDefinitionContext CERTIFICATES =
      new ResourceDefinitionContext.Builder()
          .withGroup("cert-manager.io")
          .withVersion("v1")
          .withKind("Certificate")
          .withPlural("certificates")
          .withNamespaced(true)
          .build();

  private static final String AWAIT_ISSUER = "example.com/await-issuer";

  private static KubeSandbox sandbox;
  private static KubernetesClient client;
  private static KubernetesJobExecutor executor;
  private static KubeMin kubemin;

  /** {@code tls: {host: ...}}: a Certificate for the component's Service. */
  static final class TlsTrait implements TraitProcessor {
    @Override
    public String name() {
      return "tls";
    }

    @Override
    public void apply(TraitContext context, JsonNode spec) {
      String kind = spec.path("kind").asText("Certificate");
      String group = kind.equals("Certificate") ? "cert-manager.io/v1" : "example.com/v1";
      GenericKubernetesResource object =
          new GenericKubernetesResourceBuilder()
              .withApiVersion(group)
              .withKind(kind)
              .withNewMetadata()
              .withName("tls-" + context.component().name() + "-" + context.appId())
              .withLabels(context.labels())
              .withAnnotations(
                  spec.path("await_issuer").asBoolean() ? Map.of(AWAIT_ISSUER, "true") : Map.of())
              .endMetadata()
              .addToAdditionalProperties(
                  "spec", Map.of("dnsNames", List.of(spec.path("host").asText())))
              .build();
      // Certificates go before the workloads (band 1), so the Secret exists when pods start.
      context.addObject(
          kind.equals("Certificate")
              ? JobKind.custom("cert-manager.io", "v1", "Certificate", true, JobKind.BAND_SUPPORT)
              : JobKind.of(object),
          object);
    }
  }

  /**
   * cert-manager's rule for annotated Certificates: ready once the issuer wrote {@code Ready=True}
   * (the test plays the issuer).
   */
  static final class IssuedCertificates implements ReadinessRule {
    @Override
    public boolean supports(JobKind kind) {
      return kind.kubernetesKind().equals("Certificate");
    }

    @Override
    public Result check(HasMetadata object) {
      Map<String, String> annotations = object.getMetadata().getAnnotations();
      if (annotations == null || !annotations.containsKey(AWAIT_ISSUER)) {
        return Result.ready();
      }
      Object status = ((GenericKubernetesResource) object).getAdditionalProperties().get("status");
      return String.valueOf(status).contains("status=True")
          ? Result.ready()
          : Result.waiting("waiting for the issuer");
    }
  }

  /** Every workload gets the team label. */
  static final class TeamLabel implements Policy {
    @Override
    public String name() {
      return "team-label";
    }

    @Override
    public void apply(PolicyContext context) {
      context
          .workload()
          .ifPresent(
              w -> {
                Map<String, String> labels = new LinkedHashMap<>(w.getMetadata().getLabels());
                labels.put("example.com/team", "payments");
                w.getMetadata().setLabels(labels);
              });
    }
  }

  @BeforeAll
  static void start() {
    sandbox = KubeSandbox.builder().rolloutDelay(Duration.ofMillis(50)).start();
    client = sandbox.client();
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .resource(
            new CustomResourceDefinitionBuilder()
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
                .endVersion()
                .endSpec()
                .build())
        .create();
    executor =
        new KubernetesJobExecutor(
            client, KubernetesSettings.defaults(), List.of(new IssuedCertificates()));
    kubemin =
        KubeMin.builder()
            .jobExecutor(executor)
            .traitProcessor(new TlsTrait())
            .policy(new TeamLabel())
            .defaultJobTimeout(Duration.ofSeconds(8))
            .build();
    kubemin.start();
  }

  @AfterAll
  static void stop() {
    kubemin.close();
    executor.close();
    sandbox.close();
  }

  private static Application app(String name, String extra, String tlsSpec) {
    return ModelCodec.yaml()
        .readApplication(
            "name: "
                + name
                + "\nnamespace: "
                + name
                + "\n"
                + extra
                + "component:\n"
                + "  - name: web\n"
                + "    type: webservice\n"
                + "    image: nginx\n"
                + "    properties: {ports: [{port: 80}]}\n"
                + "    traits: {tls: "
                + tlsSpec
                + "}\n")
        .value();
  }

  @Test
  void aTraitsCustomResourceIsAppliedAndAPolicyLabelsTheWorkload() {
    ApplicationInfo app = kubemin.createApplication(app("shop", "", "{host: shop.example.com}"));

    Task task = execAndWait(app.id());

    assertThat(task.status()).as(String.valueOf(task.error())).isEqualTo(TaskStatus.COMPLETED);
    GenericKubernetesResource certificate = certificate("shop", "tls-web-" + app.id());
    assertThat(certificate).isNotNull();
    assertThat(certificate.getMetadata().getLabels()).containsEntry("kube-min-cli-appId", app.id());
    Deployment deployment =
        client.apps().deployments().inNamespace("shop").withName("deploy-web-" + app.id()).get();
    assertThat(deployment.getMetadata().getLabels()).containsEntry("example.com/team", "payments");
    assertThat(kubemin.jobs(task.id()))
        .extracting(j -> j.kind().name())
        .contains("cert-manager.io/v1/Certificate", "DEPLOYMENT", "SERVICE");

    assertThat(kubemin.deleteApplication(app.id())).isNotNull();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> certificate("shop", "tls-web-" + app.id()) == null);
  }

  @Test
  void aRemovedTraitsCustomResourceIsGarbageCollectedThoughNoLongerRendered() {
    ApplicationInfo app = kubemin.createApplication(app("gc", "", "{host: gc.example.com}"));
    assertThat(execAndWait(app.id()).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(certificate("gc", "tls-web-" + app.id())).isNotNull();
    Application withoutTls =
        ModelCodec.yaml()
            .readApplication(
                "id: "
                    + app.id()
                    + "\nname: gc\nnamespace: gc\ncomponent:\n"
                    + "  - {name: web, type: webservice, image: nginx,"
                    + " properties: {ports: [{port: 80}]}}\n")
            .value();
    kubemin.createApplication(withoutTls);

    Task task = execAndWait(app.id());

    assertThat(task.status()).as(String.valueOf(task.error())).isEqualTo(TaskStatus.COMPLETED);
    assertThat(certificate("gc", "tls-web-" + app.id())).isNull();
    assertThat(kubemin.jobs(task.id()))
        .filteredOn(j -> j.stepName().equals("garbage-collection"))
        .extracting(j -> j.kind().name() + " " + j.name())
        .containsExactly("cert-manager.io/v1/Certificate tls-web-" + app.id());
  }

  @Test
  void theTaskWaitsUntilTheCertificateIsIssued() throws Exception {
    ApplicationInfo app =
        kubemin.createApplication(app("issued", "", "{host: i.example.com, await_issuer: true}"));
    String name = "tls-web-" + app.id();

    String taskId = kubemin.exec(app.id());

    await().atMost(Duration.ofSeconds(20)).until(() -> certificate("issued", name) != null);
    assertThat(kubemin.task(taskId).status().terminal()).isFalse();
    GenericKubernetesResource issued = certificate("issued", name);
    issued.setAdditionalProperty(
        "status", Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True"))));
    client
        .genericKubernetesResources(CERTIFICATES)
        .inNamespace("issued")
        .resource(issued)
        .updateStatus();

    Task task = kubemin.awaitTask(taskId, Duration.ofSeconds(30));
    assertThat(task.status()).as(String.valueOf(task.error())).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void aCertificateNeverIssuedIsCleanedUpWithItsFailedJob() {
    ApplicationInfo app =
        kubemin.createApplication(app("never", "", "{host: n.example.com, await_issuer: true}"));

    Task task = execAndWait(app.id());

    assertThat(task.status()).isIn(TaskStatus.FAILED, TaskStatus.TIMEOUT);
    assertThat(task.error()).contains("Certificate/never/tls-web-" + app.id());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> certificate("never", "tls-web-" + app.id()) == null);
  }

  @Test
  void aFailedStepRollsTheCustomResourceBack() {
    ApplicationInfo app =
        kubemin.createApplication(
            app("fails", "rollback_on_failure: true\n", "{host: fails.example.com}"));
    sandbox.neverReady(
        o ->
            "Deployment".equals(o.getKind())
                && app.id().equals(o.getMetadata().getLabels().get("kube-min-cli-appId")));

    Task task = execAndWait(app.id());

    assertThat(task.status()).isIn(TaskStatus.FAILED, TaskStatus.TIMEOUT);
    assertThat(kubemin.jobs(task.id()))
        .filteredOn(j -> j.kind().kubernetesKind().equals("Certificate"))
        .extracting(JobRecord::name)
        .containsExactly("tls-web-" + app.id());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> certificate("fails", "tls-web-" + app.id()) == null);
  }

  @Test
  void aKindWhoseDefinitionIsMissingFailsTheTaskNamingIt() {
    ApplicationInfo app =
        kubemin.createApplication(app("widgets", "", "{host: w.example.com, kind: Widget}"));

    Task task = execAndWait(app.id());

    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(task.error())
        .contains("Widget (example.com/v1) is not served by the cluster")
        .doesNotContain("Exception");
    assertThat(kubemin.plan(app.id()).objects())
        .filteredOn(o -> o.kind().equals("Widget"))
        .singleElement()
        .satisfies(o -> assertThat(o.action()).isEqualTo(io.kubemin.plan.PlanAction.NONE))
        .satisfies(o -> assertThat(o.note()).contains("not served"));
  }

  private static GenericKubernetesResource certificate(String namespace, String name) {
    return client
        .genericKubernetesResources(CERTIFICATES)
        .inNamespace(namespace)
        .withName(name)
        .get();
  }

  private static Task execAndWait(String appId) {
    String taskId = kubemin.exec(appId);
    await().atMost(Duration.ofSeconds(30)).until(() -> kubemin.task(taskId).status().terminal());
    return kubemin.task(taskId);
  }
}
