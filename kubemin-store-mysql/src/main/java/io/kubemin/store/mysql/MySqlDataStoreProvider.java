package io.kubemin.store.mysql;

import io.kubemin.spi.DataStore;
import io.kubemin.spi.DataStoreProvider;
import java.util.List;
import java.util.Map;

/**
 * The {@code mysql} store provider. Settings: {@code uri} (a JDBC URL, required), {@code user} and
 * {@code password} (else taken from the URL), {@code poolSize}. Secret keys come from the
 * environment variable {@value SecretKeys#ENVIRONMENT_VARIABLE} when it is set.
 */
public final class MySqlDataStoreProvider implements DataStoreProvider {

  /** Used by {@link java.util.ServiceLoader}. */
  public MySqlDataStoreProvider() {}

  @Override
  public String type() {
    return "mysql";
  }

  /** JDBC URLs of MySQL, MariaDB and H2 (in MySQL mode). */
  @Override
  public List<String> schemes() {
    return List.of("jdbc:mysql:", "jdbc:mariadb:", "jdbc:h2:");
  }

  /**
   * Opens a {@link MySqlDataStore} on its own pool.
   *
   * @throws IllegalArgumentException when {@code uri} is missing or a setting is invalid
   */
  @Override
  public DataStore create(Map<String, String> settings) {
    String uri = settings.get("uri");
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException(
          "setting 'uri' is required: a JDBC URL such as jdbc:h2:mem:kubemin");
    }
    MySqlSettings.Builder builder =
        MySqlSettings.builder().user(settings.get("user")).password(settings.get("password"));
    String keys = System.getenv(SecretKeys.ENVIRONMENT_VARIABLE);
    if (keys != null && !keys.isBlank()) {
      builder.secretKeys(SecretKeys.parse(keys));
    }
    String poolSize = settings.get("poolSize");
    if (poolSize != null) {
      builder.poolSize(parsePoolSize(poolSize));
    }
    return MySqlDataStore.open(uri, builder.build());
  }

  private static int parsePoolSize(String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "setting 'poolSize' must be a whole number, got '" + value + "'");
    }
  }
}
