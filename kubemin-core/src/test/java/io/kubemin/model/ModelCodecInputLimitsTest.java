package io.kubemin.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelCodecInputLimitsTest {

  @Test
  void duplicateJsonKeyIsRefusedWithItsPath() {
    String json =
        """
        {"name":"app","component":[{"name":"web","type":"webservice",
          "image":"nginx","image":"evil"}]}
        """;

    assertThatThrownBy(() -> ModelCodec.json().readApplication(json))
        .isInstanceOfSatisfying(
            ModelParseException.class,
            e -> {
              assertThat(e.field()).isEqualTo("component[0].image");
              assertThat(e.reason()).contains("'image' is given twice");
              assertThat(e.line()).isEqualTo(2);
            });
  }

  @Test
  void duplicateKeyInsideAMapIsRefused() {
    String json =
        """
        {"name":"app","component":[{"name":"web","type":"webservice","image":"nginx",
          "properties":{"env":{"A":"1","A":"2"}}}]}
        """;

    assertThatThrownBy(() -> ModelCodec.json().readApplication(json))
        .isInstanceOfSatisfying(
            ModelParseException.class,
            e -> assertThat(e.field()).isEqualTo("component[0].properties.env.A"));
  }

  @Test
  void duplicateYamlKeyIsRefusedWithItsPath() {
    String yaml =
        """
        name: app
        component:
          - name: web
            type: webservice
            image: nginx
            image: evil
        """;

    assertThatThrownBy(() -> ModelCodec.yaml().readApplication(yaml))
        .isInstanceOfSatisfying(
            ModelParseException.class,
            e -> {
              assertThat(e.field()).isEqualTo("component[0].image");
              assertThat(e.reason()).contains("'image' is given twice");
            });
  }

  @Test
  void yamlAliasIsRefusedInsteadOfBecomingItsName() {
    String yaml =
        """
        name: app
        component:
          - name: web
            type: webservice
            image: &img nginx:1.27
            properties:
              env:
                K1: *img
        """;

    assertThatThrownBy(() -> ModelCodec.yaml().readApplication(yaml))
        .isInstanceOfSatisfying(
            ModelParseException.class,
            e -> {
              assertThat(e.field()).isEqualTo("component[0].properties.env.K1");
              assertThat(e.reason()).contains("YAML aliases (*img) are not supported");
              assertThat(e.line()).isEqualTo(8);
            });
  }

  @Test
  void yamlMergeKeyAliasIsRefused() {
    String yaml =
        """
        name: app
        base: &base
          type: webservice
        component:
          - <<: *base
            name: web
            image: nginx
        """;

    assertThatThrownBy(() -> ModelCodec.yaml().readApplication(yaml))
        .isInstanceOf(ModelParseException.class)
        .hasMessageContaining("YAML aliases (*base)");
  }

  @Test
  void anchorsWithoutAliasesStillRead() {
    String yaml =
        """
        name: app
        component:
          - name: web
            type: webservice
            image: &img nginx
        """;

    assertThat(ModelCodec.yaml().readApplication(yaml).value().components().get(0).image())
        .isEqualTo("nginx");
  }

  @Test
  void jsonAndYamlShareOneSizeLimit() {
    String padding = " ".repeat(ModelCodec.MAX_DOCUMENT_CHARS);
    String json = "{\"name\":\"app\"}" + padding;
    String yaml = "name: app\n" + padding;

    for (ModelCodec codec : new ModelCodec[] {ModelCodec.json(), ModelCodec.yaml()}) {
      String text = codec == ModelCodec.json() ? json : yaml;
      assertThatThrownBy(() -> codec.readApplication(text))
          .isInstanceOf(ModelParseException.class)
          .hasMessageContaining("more than the limit of 4194304");
    }
  }

  @Test
  void documentsJustBelowTheLimitReadInBothFormats() {
    // Larger than SnakeYAML's default 3 MB limit: YAML must accept what JSON accepts.
    String value = "x".repeat(3_500_000);
    String json = "{\"name\":\"app\",\"description\":\"" + value + "\"}";
    String yaml = "name: app\ndescription: " + value + "\n";

    assertThat(ModelCodec.json().readApplication(json).value().description()).hasSize(3_500_000);
    assertThat(ModelCodec.yaml().readApplication(yaml).value().description()).hasSize(3_500_000);
  }
}
