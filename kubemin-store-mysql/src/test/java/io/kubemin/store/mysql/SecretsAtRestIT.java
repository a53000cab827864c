package io.kubemin.store.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.kubemin.KubeMin;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.ComponentChange;
import io.kubemin.model.Properties;
import io.kubemin.model.VersionUpdate;
import io.kubemin.spi.Job;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.workflow.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** On MariaDB: the component row holds no secret in plain text, yet the engine deploys it. */
class SecretsAtRestIT {
  private static final String PASSWORD = "mariadb-at-rest-Pa55word";
  private static final String ROTATED = "rotated-Pa55word-2";

  private MariaDbDatabase database;
  private MySqlDataStore store;
  private KubeMin kubemin;
  private final RecordingJobExecutor executor = new RecordingJobExecutor();

  @BeforeEach
  void start() {
    database = MariaDbDatabase.create();
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 7);
    store =
        MySqlDataStore.open(
            database.mariaDbUrl(),
            MySqlSettings.builder().poolSize(3).secretKeys(SecretKeys.of("prod-1", key)).build());
    kubemin =
        KubeMin.builder()
            .dataStore(store)
            .jobExecutor(executor)
            .dispatchPollInterval(Duration.ofMillis(100))
            .build();
    kubemin.start();
  }

  @AfterEach
  void stop() {
    if (kubemin != null) {
      kubemin.close();
    }
    if (store != null) {
      store.close();
    }
    if (database != null) {
      database.close();
    }
  }

  private List<String> rawSpecs() throws Exception {
    try (Connection c = DriverManager.getConnection(database.mariaDbUrl());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT spec FROM min_app_components")) {
      List<String> specs = new java.util.ArrayList<>();
      while (rs.next()) {
        specs.add(rs.getString(1));
      }
      return specs;
    }
  }

  private String deployedPassword() {
    List<Job> secrets =
        executor.started().stream().filter(j -> j.object() instanceof Secret).toList();
    Secret secret = (Secret) secrets.get(secrets.size() - 1).object();
    if (secret.getStringData() != null && secret.getStringData().containsKey("password")) {
      return secret.getStringData().get("password");
    }
    return new String(
        Base64.getDecoder().decode(secret.getData().get("password")), StandardCharsets.UTF_8);
  }

  @Test
  void theRowHoldsNoPlainTextAndTheDeployedSecretHasTheValue() throws Exception {
    Component creds =
        Component.builder()
            .name("creds")
            .type("secret")
            .properties(Properties.builder().secret(Map.of("password", PASSWORD)).build())
            .build();
    String appId =
        kubemin
            .createApplication(
                Application.builder().name("vault").components(List.of(creds)).build())
            .id();

    assertThat(kubemin.awaitTask(kubemin.exec(appId), Duration.ofSeconds(60)).status())
        .isEqualTo(TaskStatus.COMPLETED);
    assertThat(rawSpecs())
        .singleElement()
        .asString()
        .doesNotContain(PASSWORD)
        .contains("kubemin:aes-gcm:v1:prod-1:");
    assertThat(deployedPassword()).isEqualTo(PASSWORD);

    // A version update that changes the secret writes it encrypted and rolls it out.
    var result =
        kubemin.updateVersion(
            appId,
            new VersionUpdate(
                "1.0.1",
                null,
                List.of(
                    new ComponentChange(
                        "update",
                        "creds",
                        null,
                        null,
                        null,
                        null,
                        Properties.builder().secret(Map.of("password", ROTATED)).build(),
                        null)),
                true,
                null));
    assertThat(result.updatedComponents()).containsExactly("creds");
    assertThat(kubemin.awaitTask(result.taskId(), Duration.ofSeconds(60)).status())
        .isEqualTo(TaskStatus.COMPLETED);
    assertThat(rawSpecs())
        .singleElement()
        .asString()
        .doesNotContain(ROTATED)
        .doesNotContain(PASSWORD);
    assertThat(deployedPassword()).isEqualTo(ROTATED);

    // Key rotation on MariaDB: a store with a new current key reads the old value and
    // re-encrypts it; afterwards the new key alone reads it.
    byte[] newKey = new byte[32];
    Arrays.fill(newKey, (byte) 9);
    byte[] oldKey = new byte[32];
    Arrays.fill(oldKey, (byte) 7);
    try (MySqlDataStore rotated =
        MySqlDataStore.open(
            database.mariaDbUrl(),
            MySqlSettings.builder()
                .poolSize(2)
                .secretKeys(SecretKeys.of("prod-2", newKey).withPreviousKey("prod-1", oldKey))
                .build())) {
      // the component and the two revisions holding the secret (create, version update)
      assertThat(rotated.reencryptSecrets()).isEqualTo(3);
    }
    assertThat(rawSpecs())
        .singleElement()
        .asString()
        .contains("kubemin:aes-gcm:v1:prod-2:")
        .doesNotContain("prod-1")
        .doesNotContain(ROTATED);
    try (MySqlDataStore onlyNew =
        MySqlDataStore.open(
            database.mariaDbUrl(),
            MySqlSettings.builder()
                .poolSize(2)
                .secretKeys(SecretKeys.of("prod-2", newKey))
                .build())) {
      assertThat(onlyNew.listComponents(appId).get(0).spec().properties().secret())
          .containsEntry("password", ROTATED);
    }
  }
}
