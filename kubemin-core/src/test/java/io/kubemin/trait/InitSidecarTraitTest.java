package io.kubemin.trait;

import static io.kubemin.render.RenderFixtures.all;
import static io.kubemin.render.RenderFixtures.container;
import static io.kubemin.render.RenderFixtures.pod;
import static io.kubemin.render.RenderFixtures.renderOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.kubemin.error.RenderException;
import io.kubemin.render.RenderedApplication;
import io.kubemin.spi.JobKind;
import org.junit.jupiter.api.Test;

class InitSidecarTraitTest {

  @Test
  void unnamedInitAndSidecarContainersGetNumberedNames() {
    PodSpec pod =
        pod(
            renderOne(
                """
                  - name: web
                    type: webservice
                    image: nginx
                    traits:
                      init: [{properties: {image: a}}, {image: b}]
                      sidecar: [{image: c}, {image: d}]
                """));

    assertThat(pod.getInitContainers())
        .extracting(Container::getName)
        .containsExactly("web-init-1", "web-init-2");
    assertThat(pod.getContainers())
        .extracting(Container::getName)
        .containsExactly("web", "web-sidecar-1", "web-sidecar-2");
  }

  @Test
  void initTakesUpstreamPropertiesFormAndNestedTraitsApplyToIt() {
    RenderedApplication rendered =
        renderOne(
            """
              - name: web
                type: webservice
                image: nginx
                traits:
                  init:
                    - name: migrate
                      properties:
                        image: migrate:1
                        command: [migrate, up]
                        env: {B: "2", A: "1"}
                      traits:
                        envs: [{name: C, value_from: {static: "3"}}]
                        env_from: [{type: secret, source_name: db}]
                        storage: [{name: work, type: persistent, tmp_create: true, mount_path: /work}]
                        rbac: [{service_account: migrator, rules: [{verbs: [get]}]}]
            """);

    PodSpec pod = pod(rendered);
    Container migrate = container(pod, "migrate");
    assertThat(migrate.getImage()).isEqualTo("migrate:1");
    assertThat(migrate.getCommand()).containsExactly("migrate", "up");
    assertThat(migrate.getEnv()).extracting(EnvVar::getName).containsExactly("A", "B", "C");
    assertThat(migrate.getEnvFrom().get(0).getSecretRef().getName()).isEqualTo("db");
    assertThat(migrate.getVolumeMounts().get(0).getMountPath()).isEqualTo("/work");
    assertThat(pod.getContainers().get(0).getEnvFrom()).isEmpty();
    assertThat(pod.getVolumes()).extracting(Volume::getName).containsExactly("work");
    assertThat(all(rendered, JobKind.PERSISTENT_VOLUME_CLAIM)).hasSize(1);
    assertThat(all(rendered, JobKind.SERVICE_ACCOUNT)).hasSize(1);
  }

  @Test
  void sidecarTakesCommandArgsAndEnvAndNestedTraits() {
    PodSpec pod =
        pod(
            renderOne(
                """
                  - name: web
                    type: webservice
                    image: nginx
                    traits:
                      sidecar:
                        - name: proxy
                          image: envoy
                          command: [envoy]
                          args: [-c, /etc/envoy.yaml]
                          env: {LEVEL: debug}
                          traits:
                            storage: [{name: envoy-conf, type: config, mount_path: /etc/envoy}]
                """));

    Container proxy = container(pod, "proxy");
    assertThat(proxy.getCommand()).containsExactly("envoy");
    assertThat(proxy.getArgs()).containsExactly("-c", "/etc/envoy.yaml");
    assertThat(proxy.getEnv()).extracting(EnvVar::getName).containsExactly("LEVEL");
    assertThat(proxy.getVolumeMounts().get(0).getName()).isEqualTo("envoy-conf");
    assertThat(pod.getContainers().get(0).getVolumeMounts()).isEmpty();
  }

  @Test
  void nestedInitOrSidecarIsAnError() {
    assertThatThrownBy(
            () ->
                renderOne(
                    """
                      - name: web
                        type: webservice
                        image: nginx
                        traits:
                          sidecar: [{image: a, traits: {sidecar: [{image: b}]}}]
                    """))
        .isInstanceOfSatisfying(
            RenderException.class,
            e -> assertThat(e.path()).isEqualTo("traits.sidecar[0].traits.sidecar[0]"));
    assertThatThrownBy(
            () ->
                renderOne(
                    """
                      - name: web
                        type: webservice
                        image: nginx
                        traits:
                          init: [{image: a, traits: {init: [{image: b}]}}]
                    """))
        .hasMessageContaining("traits.init[0].traits.init[0]");
  }

  @Test
  void missingImageAndClashingNamesAreErrors() {
    assertThatThrownBy(() -> web("init: [{name: x}]"))
        .hasMessageContaining("traits.init[0].properties.image");
    assertThatThrownBy(() -> web("sidecar: [{name: x}]"))
        .hasMessageContaining("traits.sidecar[0].image");
    assertThatThrownBy(() -> web("sidecar: [{name: web, image: x}]"))
        .hasMessageContaining("traits.sidecar[0].name");
  }

  private static RenderedApplication web(String traits) {
    return renderOne("  - {name: web, type: webservice, image: nginx, traits: {" + traits + "}}\n");
  }
}
