package io.kubemin.render;

import static io.kubemin.render.RenderFixtures.APP_ID;
import static io.kubemin.render.RenderFixtures.RENDERER;
import static io.kubemin.render.RenderFixtures.render;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemin.model.Application;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class ManifestOutputTest {
  private static final String APP =
      """
      name: shop
      component:
        - name: creds
          type: secret
          properties: {secret: {password: hunter2, token: abc}}
        - name: conf
          type: config
          properties:
            conf: {port: "3306", enabled: "true", answer: "yes", date: "2001-12-14", clock: "12:30",
                   empty: "", multi: "a\\nb"}
        - name: web
          type: webservice
          image: nginx
          properties: {ports: [{port: 80}]}
          traits:
            resources: {cpu: 250m, memory: 1Gi}
            probes: [{type: liveness, http_get: {path: /, port: 80}}]
      """;

  @Test
  void secretValuesAreMaskedUnlessAskedFor() {
    RenderedApplication rendered = render(APP);

    assertThat(rendered.toYaml(false)).doesNotContain("hunter2").contains("password: '***'");
    assertThat(rendered.toJson(false)).doesNotContain("hunter2").contains("\"password\": \"***\"");
    assertThat(rendered.toYaml(true)).contains("password: hunter2");
    assertThat(rendered.toJson(true)).contains("\"password\": \"hunter2\"");
  }

  @Test
  void base64DataOfSecretsIsMaskedToo() {
    RenderedApplication rendered = render(APP);
    var secret = (io.fabric8.kubernetes.api.model.Secret) rendered.objects().get(0).object();
    secret.setData(Map.of("cert", "Y2VydA=="));

    assertThat(rendered.toYaml(false)).doesNotContain("Y2VydA==").contains("cert: '***'");
  }

  @SuppressWarnings("unchecked")
  @Test
  void yamlReadsBackAsKubectlManifestsWithStringsKeptStrings() {
    String yaml = render(APP).toYaml(true);

    List<Object> documents = new java.util.ArrayList<>();
    new Yaml().loadAll(yaml).forEach(documents::add);

    assertThat(yaml).startsWith("---\napiVersion: v1\nkind: Secret\nmetadata:\n");
    assertThat(documents).hasSize(4);
    Map<String, Object> configMap = (Map<String, Object>) documents.get(1);
    assertThat((Map<String, Object>) configMap.get("data"))
        .containsEntry("port", "3306")
        .containsEntry("enabled", "true")
        .containsEntry("answer", "yes")
        .containsEntry("date", "2001-12-14")
        .containsEntry("clock", "12:30")
        .containsEntry("empty", "")
        .containsEntry("multi", "a\nb");
    assertThat(yaml)
        .doesNotContain("null")
        .doesNotContain("additionalProperties")
        .doesNotContain("{}\n  status");
  }

  @Test
  void fabric8ValueTypesAreWrittenAsKubernetesWritesThem() throws Exception {
    JsonNode objects = new ObjectMapper().readTree(render(APP).toJson(false));
    JsonNode deployment = objects.get(2);
    JsonNode container = deployment.at("/spec/template/spec/containers/0");

    assertThat(deployment.get("apiVersion").asText()).isEqualTo("apps/v1");
    assertThat(deployment.get("kind").asText()).isEqualTo("Deployment");
    assertThat(container.at("/resources/limits/cpu").asText()).isEqualTo("250m");
    assertThat(container.at("/resources/requests/memory").asText()).isEqualTo("1Gi");
    assertThat(container.at("/livenessProbe/httpGet/port").isInt()).isTrue();
    assertThat(objects.get(3).at("/spec/ports/0/targetPort").asInt()).isEqualTo(80);
    assertThat(deployment.has("status")).isFalse();
    assertThat(container.has("volumeMounts")).isFalse();
  }

  @Test
  void jsonIsAnArrayInApplyOrder() throws Exception {
    JsonNode objects = new ObjectMapper().readTree(render(APP).toJson(false));

    assertThat(objects.isArray()).isTrue();
    assertThat(objects.findValuesAsText("kind"))
        .startsWith("Secret", "ConfigMap", "Deployment", "Service");
  }

  @Test
  void sameInputGivesSameBytesAcrossRenderersAndMapOrders() {
    Application application = RenderFixtures.app(APP);
    Application reordered =
        RenderFixtures.app(
            APP.replace("{password: hunter2, token: abc}", "{token: abc, password: hunter2}"));

    String first = RENDERER.render(application, APP_ID).toYaml(true);
    String second =
        Renderer.builder()
            .discoverTraitProcessors(false)
            .build()
            .render(reordered, APP_ID)
            .toYaml(true);

    assertThat(second).isEqualTo(first);
    assertThat(RENDERER.render(application, APP_ID).toJson(true))
        .isEqualTo(RENDERER.render(reordered, APP_ID).toJson(true));
  }
}
