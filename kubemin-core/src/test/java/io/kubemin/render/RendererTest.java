package io.kubemin.render;

import static io.kubemin.render.RenderFixtures.APP_ID;
import static io.kubemin.render.RenderFixtures.RENDERER;
import static io.kubemin.render.RenderFixtures.app;
import static io.kubemin.render.RenderFixtures.only;
import static io.kubemin.render.RenderFixtures.pod;
import static io.kubemin.render.RenderFixtures.render;
import static io.kubemin.render.RenderFixtures.renderOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubemin.error.RenderException;
import io.kubemin.model.Application;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.RenderedObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RendererTest {
  private static final String TWO_WEB_COMPONENTS =
      """
      name: shop
      component:
        - name: web
          type: webservice
          image: nginx
          properties: {ports: [{port: 80}]}
        - name: api
          type: webservice
          image: api:1
          properties: {ports: [{port: 8080}]}
      """;

  @Test
  void webserviceIsDeploymentPlusServiceNamedAfterComponentAndApp() {
    RenderedApplication rendered =
        renderOne(
            """
              - name: web
                type: webservice
                image: nginx:1.25
                replicas: 0
                properties: {ports: [{port: 80}]}
            """);

    Deployment deployment = only(rendered, JobKind.DEPLOYMENT, Deployment.class);
    Service service = only(rendered, JobKind.SERVICE, Service.class);
    assertThat(deployment.getMetadata().getName()).isEqualTo("deploy-web-app1");
    assertThat(deployment.getMetadata().getNamespace()).isEqualTo("prod");
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(service.getMetadata().getName()).isEqualTo("svc-web-app1");
    assertThat(service.getSpec().getPorts().get(0).getName()).isEqualTo("web-80");
    assertThat(service.getSpec().getPorts().get(0).getTargetPort().getIntVal()).isEqualTo(80);
  }

  @Test
  void serviceSelectsOnlyItsOwnComponentsPods() {
    RenderedApplication rendered = render(TWO_WEB_COMPONENTS);

    Service web = (Service) rendered.forComponent("web").get(1).object();
    Deployment api = (Deployment) rendered.forComponent("api").get(0).object();

    assertThat(web.getSpec().getSelector())
        .containsExactly(entry(Labels.APP_ID, APP_ID), entry(Labels.COMPONENT_NAME, "web"));
    assertThat(api.getSpec().getTemplate().getMetadata().getLabels())
        .doesNotContainEntry(Labels.COMPONENT_NAME, "web");
  }

  @Test
  void labelsCarryAppComponentAndUserLabels() {
    RenderedApplication rendered =
        RENDERER.render(
            app(
                """
                name: shop
                component:
                  - name: web
                    type: webservice
                    image: nginx
                    properties: {labels: {team: blue}}
                """),
            APP_ID,
            Map.of("web", "17"));

    Deployment deployment = only(rendered, JobKind.DEPLOYMENT, Deployment.class);

    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry(Labels.OWNER, "app1-web")
        .containsEntry(Labels.APP_ID, "app1")
        .containsEntry(Labels.COMPONENT_ID, "17")
        .containsEntry(Labels.COMPONENT_NAME, "web")
        .containsEntry("team", "blue");
    assertThat(deployment.getSpec().getSelector().getMatchLabels()).doesNotContainKey("team");
  }

  @Test
  void storeIsStatefulSetGovernedByHeadlessService() {
    RenderedApplication rendered =
        renderOne(
            """
              - name: db
                type: store
                image: mysql:8
                properties: {ports: [{port: 3306}]}
            """);

    StatefulSet set = only(rendered, JobKind.STATEFUL_SET, StatefulSet.class);
    var services = RenderFixtures.all(rendered, JobKind.SERVICE);
    Service headless = (Service) services.get(0);
    assertThat(services).hasSize(2);
    assertThat(set.getMetadata().getName()).isEqualTo("store-db-app1");
    assertThat(set.getSpec().getServiceName()).isEqualTo("svc-db-app1-headless");
    assertThat(headless.getMetadata().getName()).isEqualTo("svc-db-app1-headless");
    assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(headless.getSpec().getSelector())
        .isEqualTo(set.getSpec().getSelector().getMatchLabels());
    assertThat(services.get(1).getMetadata().getName()).isEqualTo("svc-db-app1");
    assertThat(pod(rendered).getTerminationGracePeriodSeconds()).isEqualTo(30L);
  }

  @Test
  void storeWithoutPortsStillGetsItsHeadlessService() {
    RenderedApplication rendered =
        renderOne(
            """
              - name: db
                type: store
                image: mysql:8
            """);

    Service headless = only(rendered, JobKind.SERVICE, Service.class);
    assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(headless.getSpec().getPorts()).isEmpty();
  }

  @Test
  void commandArgsAndSortedEnvReachTheMainContainer() {
    RenderedApplication rendered =
        renderOne(
            """
              - name: web
                type: webservice
                image: nginx
                properties:
                  command: [/bin/server]
                  args: [--port, "80"]
                  env: {ZED: z, ALPHA: a, MIDDLE: m}
            """);

    Container main = pod(rendered).getContainers().get(0);
    assertThat(main.getName()).isEqualTo("web");
    assertThat(main.getCommand()).containsExactly("/bin/server");
    assertThat(main.getArgs()).containsExactly("--port", "80");
    assertThat(main.getEnv()).extracting(EnvVar::getName).containsExactly("ALPHA", "MIDDLE", "ZED");
  }

  @Test
  void configComponentIsConfigMapNamedAsComponent() {
    RenderedApplication rendered =
        renderOne(
            """
              - name: app-config
                type: config
                properties: {conf: {log.level: info}}
            """);

    ConfigMap map = only(rendered, JobKind.CONFIG_MAP, ConfigMap.class);
    assertThat(map.getMetadata().getName()).isEqualTo("app-config");
    assertThat(map.getData()).containsExactly(entry("log.level", "info"));
    assertThat(map.getMetadata().getLabels()).containsEntry(Labels.APP_ID, APP_ID);
  }

  @Test
  void configFromUrlIsFetchedAtApplyTimeSoCarriesOnlyAnnotations() {
    RenderedApplication rendered =
        renderOne(
            """
              - name: remote
                type: config
                properties:
                  conf: {config.url: "https://example.com/app.yaml", config.fileName: app.yaml}
            """);

    ConfigMap map = only(rendered, JobKind.CONFIG_MAP, ConfigMap.class);
    assertThat(map.getData()).isNullOrEmpty();
    assertThat(map.getMetadata().getAnnotations())
        .containsEntry(Labels.SOURCE_URL_ANNOTATION, "https://example.com/app.yaml")
        .containsEntry(Labels.SOURCE_FILE_ANNOTATION, "app.yaml");
    assertThat(map.getMetadata().getLabels()).containsEntry(Labels.COMPONENT_NAME, "remote");
  }

  @Test
  void secretComponentIsOpaqueSecretWithStringData() {
    RenderedApplication rendered =
        renderOne(
            """
              - name: creds
                type: secret
                properties: {secret: {password: hunter2}}
            """);

    Secret secret = only(rendered, JobKind.SECRET, Secret.class);
    assertThat(secret.getMetadata().getName()).isEqualTo("creds");
    assertThat(secret.getType()).isEqualTo("Opaque");
    assertThat(secret.getStringData()).containsExactly(entry("password", "hunter2"));
  }

  @Test
  void objectsComeInBandOrderThenDocumentOrder() {
    RenderedApplication rendered =
        render(
            """
            name: shop
            component:
              - name: web
                type: webservice
                image: nginx
                properties: {ports: [{port: 80}]}
                traits:
                  ingress: [{routes: [{backend: {service_name: web}}]}]
                  rbac: [{rules: [{verbs: [get], resources: [pods]}]}]
              - name: conf
                type: config
                properties: {conf: {a: b}}
            """);

    assertThat(rendered.objects())
        .extracting(RenderedObject::kind)
        .containsExactly(
            JobKind.CONFIG_MAP,
            JobKind.SERVICE_ACCOUNT,
            JobKind.ROLE,
            JobKind.ROLE_BINDING,
            JobKind.DEPLOYMENT,
            JobKind.SERVICE,
            JobKind.INGRESS);
    assertThat(rendered.forComponent("web")).hasSize(6);
    assertThat(rendered.forComponent("conf")).hasSize(1);
    assertThat(rendered.forComponent("nope")).isEmpty();
  }

  @Test
  void sameNamedObjectsOfDifferentKindsAreAllKept() {
    RenderedApplication rendered =
        renderOne(
            """
              - name: web
                type: webservice
                image: nginx
                traits:
                  rbac:
                    - service_account: same
                      role_name: same
                      binding_name: same
                      rules: [{verbs: [get], resources: [pods]}]
            """);

    assertThat(rendered.objects())
        .filteredOn(o -> o.name().equals("same"))
        .extracting(RenderedObject::kind)
        .containsExactly(JobKind.SERVICE_ACCOUNT, JobKind.ROLE, JobKind.ROLE_BINDING);
  }

  @Test
  void sameObjectFromTwoComponentsIsListedOnceButBelongsToBoth() {
    String rbac = "traits: {rbac: [{service_account: shared, rules: [{verbs: [get]}]}]}";
    RenderedApplication rendered =
        render(
            """
            name: shop
            component:
              - {name: a, type: webservice, image: nginx, %s}
              - {name: b, type: webservice, image: nginx, %s}
            """
                .formatted(rbac, rbac));

    assertThat(rendered.objects()).filteredOn(o -> o.name().equals("shared")).hasSize(1);
    assertThat(rendered.forComponent("b")).anyMatch(o -> o.name().equals("shared"));
  }

  @Test
  void missingAppIdIsDerivedFromNamespaceAndNameStably() {
    Application application = RenderFixtures.app(TWO_WEB_COMPONENTS);

    String first = RENDERER.render(application).appId();

    assertThat(first).hasSize(24).matches("[a-z0-9]+");
    assertThat(RENDERER.render(application, null).appId()).isEqualTo(first);
    assertThat(first).isEqualTo(Naming.applicationId("default", "shop"));
    assertThat(RENDERER.render(application.toBuilder().namespace("other").build()).appId())
        .isNotEqualTo(first);
  }

  @Test
  void componentIdDefaultsToOneDerivedFromAppIdAndName() {
    var deployment = render(TWO_WEB_COMPONENTS).forComponent("web").get(0).object();

    assertThat(deployment.getMetadata().getLabels())
        .containsEntry(Labels.COMPONENT_ID, Naming.componentId(APP_ID, "web"));
  }

  @Test
  void appIdThatIsNoDnsLabelIsRejected() {
    Application application = RenderFixtures.app(TWO_WEB_COMPONENTS);

    assertThatThrownBy(() -> RENDERER.render(application, "Bad_Id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Bad_Id");
  }

  @Test
  void unknownTypeAndMissingImageAreRenderErrors() {
    assertThatThrownBy(() -> renderOne("  - {name: x, type: lambda}\n"))
        .isInstanceOfSatisfying(
            RenderException.class,
            e -> {
              assertThat(e.component()).isEqualTo("x");
              assertThat(e.path()).isEqualTo("type");
            });
    assertThatThrownBy(() -> renderOne("  - {name: x, type: webservice}\n"))
        .isInstanceOfSatisfying(
            RenderException.class, e -> assertThat(e.path()).isEqualTo("image"));
  }

  @Test
  void duplicatePortIsARenderError() {
    assertThatThrownBy(
            () ->
                renderOne(
                    "  - {name: x, type: webservice, image: n, properties: {ports: [{port: 80},"
                        + " {port: 80}]}}\n"))
        .isInstanceOfSatisfying(
            RenderException.class, e -> assertThat(e.path()).isEqualTo("properties.ports[1].port"));
  }

  @Test
  void shareLabelsGoOnEveryObjectOfTheComponent() {
    RenderedApplication rendered =
        renderOne(
            """
              - name: web
                type: webservice
                image: nginx
                properties: {ports: [{port: 80}]}
                traits:
                  share: {strategy: ignore}
                  rbac: [{rules: [{verbs: [get]}]}]
            """);

    assertThat(rendered.objects())
        .hasSize(5)
        .allSatisfy(
            o ->
                assertThat(o.object().getMetadata().getLabels())
                    .containsEntry(Labels.SHARE_NAME, "prod")
                    .containsEntry(Labels.SHARE_STRATEGY, "ignore"));
  }

  @Test
  void unknownShareStrategyMeansDefault() {
    RenderedApplication rendered =
        renderOne("  - {name: c, type: config, traits: {share: {strategy: sometimes}}}\n");

    assertThat(rendered.objects().get(0).object().getMetadata().getLabels())
        .containsEntry(Labels.SHARE_STRATEGY, "default");
  }
}
