package io.kubemin.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.memory.InMemoryQueue;
import org.junit.jupiter.api.Test;

class ProvidersTest {
  @Test
  void urisMapToProviderTypes() {
    assertThat(Providers.typeOf("memory")).isEqualTo("memory");
    assertThat(Providers.typeOf("jdbc:mariadb://127.0.0.1/test")).isEqualTo("mysql");
    assertThat(Providers.typeOf("jdbc:h2:mem:x")).isEqualTo("mysql");
    assertThat(Providers.typeOf("redis://127.0.0.1:6379")).isEqualTo("redis");
    assertThat(Providers.typeOf("kafka://127.0.0.1:9092")).isEqualTo("kafka");
    assertThatThrownBy(() -> Providers.typeOf("ftp://x"))
        .hasMessageContaining("unsupported URI 'ftp://x'");
  }

  @Test
  void memoryProvidersAreDiscovered() {
    assertThat(Providers.openDataStore("memory")).isInstanceOf(InMemoryDataStore.class);
    assertThat(Providers.openQueue("memory")).isInstanceOf(InMemoryQueue.class);
  }

  @Test
  void aMissingProviderNamesWhatWasFoundAndTheArtifact() {
    assertThatThrownBy(() -> Providers.openQueue("redis://127.0.0.1:6379"))
        .isInstanceOf(ProviderNotFoundException.class)
        .hasMessageContaining("no queue provider of type 'redis'")
        .hasMessageContaining("[memory]")
        .hasMessageContaining("io.kubemin:kubemin-queue-redis");
  }
}
