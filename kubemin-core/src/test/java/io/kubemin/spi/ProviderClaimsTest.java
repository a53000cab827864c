package io.kubemin.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemin.memory.InMemoryDataStore;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Providers claim the URIs they open; nothing is routed by a fixed table. */
class ProviderClaimsTest {
  @TempDir Path dir;

  /** A third-party store that claims {@code acme://}. */
  public static final class AcmeStoreProvider implements DataStoreProvider {
    @Override
    public String type() {
      return "acme";
    }

    @Override
    public List<String> schemes() {
      return List.of("acme://");
    }

    @Override
    public DataStore create(Map<String, String> settings) {
      return new InMemoryDataStore();
    }
  }

  /** Another store that claims {@code acme://} as well. */
  public static final class RivalStoreProvider implements DataStoreProvider {
    @Override
    public String type() {
      return "rival";
    }

    @Override
    public boolean accepts(String uri) {
      return uri.startsWith("acme://");
    }

    @Override
    public DataStore create(Map<String, String> settings) {
      return new InMemoryDataStore();
    }
  }

  private ClassLoader withStores(Class<?>... providers) throws IOException {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    StringBuilder lines = new StringBuilder();
    for (Class<?> provider : providers) {
      lines.append(provider.getName()).append('\n');
    }
    Files.writeString(services.resolve(DataStoreProvider.class.getName()), lines);
    return new URLClassLoader(
        new URL[] {dir.toUri().toURL()}, ProviderClaimsTest.class.getClassLoader());
  }

  @Test
  void aThirdPartyProviderOpensTheSchemeItClaims() throws IOException {
    ClassLoader loader = withStores(AcmeStoreProvider.class);

    try (DataStore store = Providers.openDataStore("acme://db.example.com/kubemin", loader)) {
      assertThat(store).isInstanceOf(InMemoryDataStore.class);
    }
    assertThat(Providers.openDataStore("memory", loader)).isInstanceOf(InMemoryDataStore.class);
  }

  @Test
  void twoProvidersClaimingOneUriFailNamingBoth() throws IOException {
    ClassLoader loader = withStores(AcmeStoreProvider.class, RivalStoreProvider.class);

    assertThatThrownBy(() -> Providers.openDataStore("acme://user:secret@db/kubemin", loader))
        .isInstanceOf(ProviderNotFoundException.class)
        .hasMessageContaining("claimed by more than one datastore provider")
        .hasMessageContaining("acme (" + AcmeStoreProvider.class.getName() + " from ")
        .hasMessageContaining("rival (" + RivalStoreProvider.class.getName() + " from ")
        .hasMessageContaining("acme://***@db/kubemin")
        .hasMessageNotContaining("secret");
  }

  @Test
  void aUriNoProviderClaimsNamesWhatWasFound() {
    assertThatThrownBy(() -> Providers.openDataStore("jdbc:postgresql://db/kubemin?password=pw"))
        .isInstanceOf(ProviderNotFoundException.class)
        .hasMessageContaining("no datastore provider of type 'mysql' accepts")
        .hasMessageContaining("password=***")
        .hasMessageContaining("memory")
        .hasMessageNotContaining("=pw");
    assertThatThrownBy(() -> Providers.openQueue("nats://q"))
        .isInstanceOf(ProviderNotFoundException.class)
        .hasMessageContaining("no queue provider accepts 'nats://q' (found: [memory])");
  }

  @Test
  void theDefaultClaimIsTheTypeAndItsScheme() {
    assertThat(Providers.matches("memory", "memory", List.of("memory:"))).isTrue();
    assertThat(Providers.matches("MEMORY:x", "memory", List.of("memory:"))).isTrue();
    assertThat(Providers.matches("memoryx", "memory", List.of("memory:"))).isFalse();
  }
}
