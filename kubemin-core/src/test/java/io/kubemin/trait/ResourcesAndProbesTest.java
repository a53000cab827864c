package io.kubemin.trait;

import static io.kubemin.render.RenderFixtures.container;
import static io.kubemin.render.RenderFixtures.pod;
import static io.kubemin.render.RenderFixtures.renderOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

class ResourcesAndProbesTest {

  @Test
  void resourcesAreBothRequestsAndLimitsWithGpuAsNvidia() {
    Container main = mainOf("resources: {cpu: 500m, memory: 512Mi, gpu: \"1\"}");

    var requests = main.getResources().getRequests();
    assertThat(requests)
        .containsEntry("cpu", new Quantity("500m"))
        .containsEntry("memory", new Quantity("512Mi"))
        .containsEntry("nvidia.com/gpu", new Quantity("1"));
    assertThat(main.getResources().getLimits()).isEqualTo(requests);
  }

  @Test
  void invalidQuantityIsAnErrorNamingTheField() {
    assertThatThrownBy(() -> mainOf("resources: {cpu: half}"))
        .hasMessageContaining("traits.resources.cpu")
        .hasMessageContaining("half");
  }

  @Test
  void probesTakeEachHandler() {
    Container main =
        mainOf(
            """
            probes:
              - {type: liveness, exec: {command: [cat, /ok]}, period_seconds: 7}
              - {type: readiness, http_get: {path: /ready, port: 8080, scheme: https}}
              - {type: startup, tcp_socket: {port: 5432}, failure_threshold: 30, initial_delay_seconds: 0}
            """);

    assertThat(main.getLivenessProbe().getExec().getCommand()).containsExactly("cat", "/ok");
    assertThat(main.getLivenessProbe().getPeriodSeconds()).isEqualTo(7);
    assertThat(main.getReadinessProbe().getHttpGet().getPort().getIntVal()).isEqualTo(8080);
    assertThat(main.getReadinessProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");
    assertThat(main.getStartupProbe().getTcpSocket().getPort().getIntVal()).isEqualTo(5432);
    assertThat(main.getStartupProbe().getFailureThreshold()).isEqualTo(30);
    assertThat(main.getStartupProbe().getInitialDelaySeconds()).isNull();
  }

  @Test
  void probeErrors() {
    assertThatThrownBy(() -> mainOf("probes: [{type: liveness}]"))
        .hasMessageContaining("traits.probes[0]")
        .hasMessageContaining("exactly one");
    assertThatThrownBy(
            () ->
                mainOf(
                    "probes: [{type: liveness, tcp_socket: {port: 1}}, {type: liveness,"
                        + " tcp_socket: {port: 2}}]"))
        .hasMessageContaining("traits.probes[1].type")
        .hasMessageContaining("already");
    assertThatThrownBy(() -> mainOf("probes: [{type: sometimes, tcp_socket: {port: 1}}]"))
        .hasMessageContaining("traits.probes[0].type");
    assertThatThrownBy(() -> mainOf("probes: [{type: liveness, http_get: {path: /}}]"))
        .hasMessageContaining("traits.probes[0].http_get.port");
  }

  @Test
  void nestedResourcesAndProbesApplyToTheSidecarAndProbesAreIgnoredOnInit() {
    PodSpec pod =
        pod(
            renderOne(
                """
                  - name: web
                    type: webservice
                    image: nginx
                    traits:
                      init:
                        - name: prep
                          image: busybox
                          traits:
                            probes: [{type: liveness, tcp_socket: {port: 1}}]
                            resources: {cpu: 50m}
                      sidecar:
                        - name: proxy
                          image: envoy
                          traits:
                            probes: [{type: readiness, tcp_socket: {port: 9901}}]
                            resources: {memory: 64Mi}
                """));

    Container main = pod.getContainers().get(0);
    Container proxy = container(pod, "proxy");
    Container prep = container(pod, "prep");
    assertThat(main.getReadinessProbe()).isNull();
    assertThat(main.getResources())
        .satisfiesAnyOf(
            r -> assertThat(r).isNull(), r -> assertThat(r.getRequests()).isNullOrEmpty());
    assertThat(proxy.getReadinessProbe().getTcpSocket().getPort().getIntVal()).isEqualTo(9901);
    assertThat(proxy.getResources().getLimits()).containsKey("memory");
    assertThat(prep.getLivenessProbe()).isNull();
    assertThat(prep.getResources().getRequests()).containsEntry("cpu", new Quantity("50m"));
  }

  private static Container mainOf(String traits) {
    String indented = traits.strip().replace("\n", "\n      ");
    return pod(renderOne(
            """
              - name: web
                type: webservice
                image: nginx
                traits:
                  %s
            """
                .formatted(indented)))
        .getContainers()
        .get(0);
  }
}
