package io.kubemin.examples.docs;

import io.kubemin.KubeMin;
import io.kubemin.store.mysql.MySqlDataStore;
import io.kubemin.store.mysql.MySqlSettings;
import io.kubemin.store.mysql.SecretKeys;
import io.kubemin.testing.RecordingJobExecutor;
import java.util.Base64;

/** The sample of docs/store-mysql.md, "Secrets at rest": encrypt, rotate, re-encrypt. */
public final class SecretsAtRest {
  private SecretsAtRest() {}

  /** Opens a store whose secret values are encrypted, and runs an engine on it. */
  public static KubeMin engine(String jdbcUrl, String currentKeyBase64, String previousKeyBase64) {
    SecretKeys keys =
        SecretKeys.of("2026-12", Base64.getDecoder().decode(currentKeyBase64))
            .withPreviousKey("2026-06", Base64.getDecoder().decode(previousKeyBase64));
    MySqlDataStore store =
        MySqlDataStore.open(jdbcUrl, MySqlSettings.builder().secretKeys(keys).build());
    // After a rotation: rewrite what the previous key (or no key) encrypted, then drop that key.
    store.reencryptSecrets();
    KubeMin kubemin =
        KubeMin.builder().dataStore(store).jobExecutor(new RecordingJobExecutor()).build();
    kubemin.start();
    return kubemin;
  }
}
