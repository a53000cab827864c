package io.kubemin;

import static io.kubemin.TestApps.awaitEnd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.kubemin.model.Application;
import io.kubemin.model.ModelCodec;
import io.kubemin.model.Step;
import io.kubemin.render.Naming;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.spi.Job;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.validation.ValidationException;
import io.kubemin.workflow.TaskStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TemplateInstantiationTest {
  private static final String TEMPLATE =
      """
      {"name":"tmpl-shop","tmp_enable":%s,"component":[
        {"name":"web-conf","type":"config","properties":{"conf":{"mode":"prod"}}},
        {"name":"web","type":"webservice","image":"shop:1.0","replicas":2,
         "properties":{"ports":[{"port":80}],"env":{"COLOR":"red","SIZE":"m"}},
         "traits":{"env_from":[{"type":"config","source_name":"web-conf"}],
                   "ingress":[{"name":"web","hosts":["shop.example"],
                               "routes":[{"path":"/","backend":{"service_name":"web"}}]}]}}]}
      """;

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

  private String createTemplate(boolean enabled) {
    return kubemin.createApplication(read(TEMPLATE.formatted(enabled))).id();
  }

  private static Application read(String json) {
    return ModelCodec.json().readApplication(json).value();
  }

  private static Application tenant(String templateId, String componentName) {
    return read(
        """
        {"name":"tenant","component":[
          {"name":"%s","template":{"id":"%s","target":"web"},
           "properties":{"env":{"COLOR":"blue"}}}]}
        """
            .formatted(componentName, templateId));
  }

  @Test
  void anApplicationCreatedFromATemplateDeploysObjectsUnderItsOwnNames() {
    String templateId = createTemplate(true);

    String appId = kubemin.createApplication(tenant(templateId, "tenant-web")).id();
    assertThat(awaitEnd(kubemin, kubemin.exec(appId)).status()).isEqualTo(TaskStatus.COMPLETED);

    assertThat(kubemin.components(appId))
        .extracting(ComponentRecord::name)
        .containsExactly("tenant-conf", "tenant-web");
    assertThat(kubemin.workflows(appId).get(0).steps())
        .extracting(Step::name)
        .containsExactly("tenant-conf", "tenant-web");
    assertThat(executor.started())
        .extracting(Job::name)
        .containsExactly(
            "tenant-conf",
            Naming.deployment("tenant-web", appId),
            Naming.service("tenant-web", appId),
            Naming.ingress("tenant-web", appId));
    Deployment deployment = (Deployment) executor.started().get(1).object();
    var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("shop:1.0");
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(container.getEnv())
        .extracting(EnvVar::getName, EnvVar::getValue)
        .contains(
            org.assertj.core.groups.Tuple.tuple("COLOR", "blue"),
            org.assertj.core.groups.Tuple.tuple("SIZE", "m"));
    assertThat(container.getEnvFrom().get(0).getConfigMapRef().getName()).isEqualTo("tenant-conf");
    Ingress ingress = (Ingress) executor.started().get(3).object();
    assertThat(
            ingress
                .getSpec()
                .getRules()
                .get(0)
                .getHttp()
                .getPaths()
                .get(0)
                .getBackend()
                .getService()
                .getName())
        .isEqualTo(Naming.service("tenant-web", appId));
  }

  @Test
  void onlyApplicationsWithTmpEnableAreTemplates() {
    String templateId = createTemplate(true);
    String plainId = createTemplate(false);

    assertThat(kubemin.listTemplates()).extracting(ApplicationInfo::id).containsExactly(templateId);
    assertThatThrownBy(() -> kubemin.createApplication(tenant(plainId, "tenant-web")))
        .isInstanceOfSatisfying(
            TemplateNotEnabledException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(400);
              assertThat(e.businessCode()).isEqualTo(10007);
            });
    assertThat(kubemin.applications()).hasSize(2);
  }

  @Test
  void aCloneIsValidatedAndItsErrorsPointAtTheRequest() {
    String templateId = createTemplate(true);

    assertThatThrownBy(() -> kubemin.createApplication(tenant(templateId, "Tenant_Web")))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.errors())
                    .anySatisfy(
                        error -> {
                          assertThat(error.field()).isEqualTo("component[0].name");
                          assertThat(error.message()).contains("clone of component 'web'");
                        }));
    assertThat(kubemin.applications()).hasSize(1);
  }

  @Test
  void aDryRunInstantiatesTemplatesToo() {
    String templateId = createTemplate(true);

    DryRunResult result = kubemin.dryRun(tenant(templateId, "tenant-web"));

    assertThat(result.valid()).isTrue();
    assertThat(result.rendered().componentNames())
        .containsExactlyInAnyOrder("tenant-conf", "tenant-web");
    assertThatThrownBy(() -> kubemin.dryRun(tenant("nosuchtemplate00000000000", "x")))
        .isInstanceOf(TemplateNotFoundException.class);
  }
}
