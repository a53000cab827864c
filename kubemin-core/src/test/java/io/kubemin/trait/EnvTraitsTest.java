package io.kubemin.trait;

import static io.kubemin.render.RenderFixtures.pod;
import static io.kubemin.render.RenderFixtures.renderOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.kubemin.error.RenderException;
import org.junit.jupiter.api.Test;

class EnvTraitsTest {

  @Test
  void envFromAcceptsConfigConfigMapAndSecret() {
    Container main =
        mainOf(
            """
            env_from:
              - {type: config, source_name: a}
              - {type: configMap, source_name: b}
              - {type: secret, source_name: c}
            """);

    assertThat(main.getEnvFrom().get(0).getConfigMapRef().getName()).isEqualTo("a");
    assertThat(main.getEnvFrom().get(1).getConfigMapRef().getName()).isEqualTo("b");
    assertThat(main.getEnvFrom().get(2).getSecretRef().getName()).isEqualTo("c");
  }

  @Test
  void envFromUnknownTypeOrMissingSourceIsAnError() {
    assertThatThrownBy(() -> mainOf("env_from: [{type: vault, source_name: a}]"))
        .isInstanceOfSatisfying(
            RenderException.class, e -> assertThat(e.path()).isEqualTo("traits.env_from[0].type"));
    assertThatThrownBy(() -> mainOf("env_from: [{type: secret}]"))
        .hasMessageContaining("traits.env_from[0].source_name");
  }

  @Test
  void envsTakeEachValueSourceAfterThePropertiesEnv() {
    Container main =
        mainOf(
            """
            envs:
              - {name: MODE, value_from: {static: fast}}
              - {name: POD, value_from: {field: metadata.name}}
              - {name: PASS, value_from: {secret: {name: creds, key: password}}}
              - {name: LEVEL, value_from: {config: {name: conf, key: level}}}
            """);

    assertThat(main.getEnv())
        .extracting(EnvVar::getName)
        .containsExactly("BASE", "MODE", "POD", "PASS", "LEVEL");
    assertThat(main.getEnv().get(1).getValue()).isEqualTo("fast");
    assertThat(main.getEnv().get(2).getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("metadata.name");
    assertThat(main.getEnv().get(2).getValueFrom().getFieldRef().getApiVersion()).isEqualTo("v1");
    assertThat(main.getEnv().get(3).getValueFrom().getSecretKeyRef().getKey())
        .isEqualTo("password");
    assertThat(main.getEnv().get(4).getValueFrom().getConfigMapKeyRef().getName())
        .isEqualTo("conf");
  }

  @Test
  void envsNeedExactlyOneSource() {
    assertThatThrownBy(() -> mainOf("envs: [{name: X, value_from: {}}]"))
        .hasMessageContaining("traits.envs[0].value_from");
    assertThatThrownBy(
            () -> mainOf("envs: [{name: X, value_from: {static: a, field: metadata.name}}]"))
        .hasMessageContaining("exactly one");
    assertThatThrownBy(() -> mainOf("envs: [{name: X, value_from: {secret: {name: s}}}]"))
        .hasMessageContaining("traits.envs[0].value_from.secret.key");
  }

  private static Container mainOf(String traits) {
    String indented = traits.strip().replace("\n", "\n      ");
    return pod(renderOne(
            """
              - name: web
                type: webservice
                image: nginx
                properties: {env: {BASE: "1"}}
                traits:
                  %s
            """
                .formatted(indented)))
        .getContainers()
        .get(0);
  }
}
