package io.kubemin.examples.docs.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubemin.ApplicationInfo;
import io.kubemin.KubeMin;
import io.kubemin.k8s.KubernetesJobExecutor;
import io.kubemin.k8s.ReadinessRule;
import io.kubemin.k8s.sandbox.KubeSandbox;
import io.kubemin.model.Application;
import io.kubemin.model.ModelCodec;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.Providers;
import io.kubemin.spi.Queue;
import io.kubemin.trait.Policy;
import io.kubemin.trait.PolicyContext;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginSamplesIT {
  private static final String APP =
      """
      name: docs
      namespace: docs
      component:
        - name: web
          type: webservice
          image: nginx:1.27
          replicas: 2
          traits:
            disruption_budget: {min_available: 1}
        - name: readme
          type: note
          properties: {text: "deployed by KubeMin"}
      """;

  /** Adds a ChangeNote per component, for the ChangeNoteExecutor. */
  static final class ChangeNotes implements Policy {
    @Override
    public String name() {
      return "change-notes";
    }

    @Override
    public void apply(PolicyContext context) {
      context.addObject(
          ChangeNoteExecutor.CHANGE_NOTE,
          new GenericKubernetesResourceBuilder()
              .withApiVersion("notes.example.com/v1")
              .withKind("ChangeNote")
              .withNewMetadata()
              .withName("change-" + context.component().name())
              .endMetadata()
              .build());
    }
  }

  @Test
  void everySampleWorksOnTheSandbox() throws Exception {
    ChangeNoteExecutor notes = new ChangeNoteExecutor();
    try (KubeSandbox sandbox = KubeSandbox.start();
        KubernetesJobExecutor kubernetes = new KubernetesJobExecutor(sandbox.client());
        KubeMin kubemin =
            KubeMin.builder()
                .jobExecutor(notes) // registered first: it takes the ChangeNote jobs
                .jobExecutor(kubernetes)
                .traitProcessor(new DisruptionBudgetTrait())
                .policy(new TeamLabelPolicy())
                .policy(new ChangeNotes())
                .componentType(new NoteComponentType())
                .build()) {
      kubemin.start();
      Application app = ModelCodec.yaml().readApplication(APP).value();
      ApplicationInfo created = kubemin.createApplication(app);

      Task task = kubemin.awaitTask(kubemin.exec(created.id()), Duration.ofSeconds(60));

      assertThat(task.status()).as(String.valueOf(task.error())).isEqualTo(TaskStatus.COMPLETED);
      KubernetesClient client = sandbox.client();
      String suffix = "-" + created.id();
      assertThat(
              client
                  .policy()
                  .v1()
                  .podDisruptionBudget()
                  .inNamespace("docs")
                  .withName("pdb-web" + suffix)
                  .get())
          .isNotNull();
      assertThat(
              client
                  .apps()
                  .deployments()
                  .inNamespace("docs")
                  .withName("deploy-web" + suffix)
                  .get()
                  .getMetadata()
                  .getLabels())
          .containsEntry("example.com/team", "platform");
      assertThat(client.configMaps().inNamespace("docs").withName("note-readme").get().getData())
          .containsEntry("text", "deployed by KubeMin");
      assertThat(notes.posted())
          .containsExactlyInAnyOrder(
              created.id() + ": change-web", created.id() + ": change-readme");
    }
  }

  @Test
  void aCertificateIsReadyOnlyOnceIssued() {
    CertificateReadiness rule = new CertificateReadiness();
    GenericKubernetesResource certificate =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("cert-manager.io/v1")
            .withKind("Certificate")
            .withNewMetadata()
            .withName("tls")
            .endMetadata()
            .build();

    assertThat(rule.supports(JobKind.of(certificate))).isTrue();
    assertThat(rule.check(certificate).state()).isEqualTo(ReadinessRule.State.WAITING);
    certificate.setAdditionalProperty(
        "status", Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True"))));
    assertThat(rule.check(certificate).state()).isEqualTo(ReadinessRule.State.READY);
  }

  @Test
  void providersAreFoundByTheSchemeTheyClaim() throws Exception {
    try (DataStore store = Providers.openDataStore("acme://store.example.com/kubemin");
        Queue queue = Providers.openQueue("acmeq:work")) {
      assertThat(store).isNotNull();
      assertThat(queue).isNotNull();
    }
  }
}
