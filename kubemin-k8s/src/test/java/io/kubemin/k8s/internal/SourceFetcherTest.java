package io.kubemin.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceFetcherTest {
  private final SourceFetcher fetcher =
      new SourceFetcher(new KubernetesSerialization(), Duration.ofSeconds(5), 16);

  @Test
  void objectsWithoutASourceUrlAreReturnedAsTheyAre() throws Exception {
    ConfigMap plain =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("c")
            .endMetadata()
            .withData(Map.of("a", "1"))
            .build();

    assertThat(fetcher.resolve(plain)).isSameAs(plain);
  }

  @Test
  void onlyHttpUrlsAreFetched() {
    HasMetadata fileUrl = withUrl("file:///etc/passwd");

    assertThatThrownBy(() -> fetcher.resolve(fileUrl))
        .isInstanceOf(SourceFetchException.class)
        .hasMessageContaining("http:// or https://");
  }

  @Test
  void contentOverTheLimitIsRefused() throws Exception {
    try (var server = io.kubemin.k8s.ContentServer.serving("/big", "0123456789abcdefXYZ")) {
      assertThatThrownBy(() -> fetcher.resolve(withUrl(server.url("/big"))))
          .isInstanceOf(SourceFetchException.class)
          .hasMessageContaining("larger than 16 bytes");
    }
  }

  @Test
  void secretsGetTheContentBase64EncodedUnderTheDefaultKey() throws Exception {
    try (var server = io.kubemin.k8s.ContentServer.serving("/s", "x")) {
      Secret secret =
          new SecretBuilder()
              .withNewMetadata()
              .withName("s")
              .withAnnotations(Map.of(ObjectLabels.SOURCE_URL, server.url("/s")))
              .endMetadata()
              .build();

      Secret resolved = (Secret) fetcher.resolve(secret);

      assertThat(resolved.getData()).containsEntry("config", "eA==");
      assertThat(secret.getData()).isNullOrEmpty();
    }
  }

  private static HasMetadata withUrl(String url) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("c")
        .withAnnotations(Map.of(ObjectLabels.SOURCE_URL, url))
        .endMetadata()
        .build();
  }
}
