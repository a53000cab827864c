package io.kubemin.examples.docs;

import io.kubemin.KubeMin;
import io.kubemin.spi.JobExecutor;
import io.kubemin.store.mysql.MySqlDataStore;
import io.kubemin.store.mysql.MySqlSettings;
import io.kubemin.store.mysql.SecretKeys;
import java.util.Base64;

/** The sample of docs/store-mysql.md, "Secrets at rest": encrypt, rotate, re-encrypt. */
public final class SecretsAtRest {
  private SecretsAtRest() {}

  /**
   * Opens a store whose secret values are encrypted with the current key; values written under the
   * previous key (or none) are rewritten, after which the previous key can be dropped.
   */
  public static MySqlDataStore openEncrypted(
      String jdbcUrl, String currentKeyBase64, String previousKeyBase64) {
    SecretKeys keys =
        SecretKeys.of("2026-12", Base64.getDecoder().decode(currentKeyBase64))
            .withPreviousKey("2026-06", Base64.getDecoder().decode(previousKeyBase64));
    MySqlDataStore store =
        MySqlDataStore.open(jdbcUrl, MySqlSettings.builder().secretKeys(keys).build());
    store.reencryptSecrets();
    return store;
  }

  /** An engine on that store; the store stays the caller's to close, after the engine. */
  public static KubeMin engine(MySqlDataStore store, JobExecutor executor) {
    return KubeMin.builder().dataStore(store).jobExecutor(executor).build();
  }
}
