package io.kubemin.store.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.kubemin.Ids;
import io.kubemin.model.Component;
import io.kubemin.model.Properties;
import io.kubemin.spi.ApplicationRecord;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.spi.ComponentStatus;
import io.kubemin.spi.DataStoreException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Secret values of components are encrypted at rest with host-given keys, which rotate. */
class SecretsAtRestTest {
  private static final byte[] KEY_1 = bytes(32, 1);
  private static final byte[] KEY_2 = bytes(32, 2);
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final String PASSWORD = "s3cr3t-p@ssw0rd-value";

  private final String url = "jdbc:h2:mem:secrets_" + Ids.newId();

  @Test
  void reencryptionAlsoRewritesRevisionsSoTheOldKeyCanGo() throws Exception {
    MySqlDataStore before = open(SecretKeys.of("k1", KEY_1));
    putApp(before);
    before.insertRevision(
        new io.kubemin.spi.RevisionRecord(
            "app1",
            1,
            "1.0.0",
            List.of(secretComponent("c1").spec()),
            List.of(),
            "system",
            "created",
            "hash",
            NOW));

    MySqlDataStore rotated = open(SecretKeys.of("k2", KEY_2).withPreviousKey("k1", KEY_1));
    assertThat(rotated.reencryptSecrets()).isEqualTo(1);
    assertThat(rotated.reencryptSecrets()).isZero();

    MySqlDataStore after = open(SecretKeys.of("k2", KEY_2));
    assertThat(after.findRevision("app1", 1).orElseThrow().components().get(0))
        .extracting(cmp -> cmp.properties().secret().get("password"))
        .isEqualTo(PASSWORD);
  }

  private final List<MySqlDataStore> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(MySqlDataStore::close);
  }

  private static byte[] bytes(int length, int seed) {
    byte[] key = new byte[length];
    Arrays.fill(key, (byte) seed);
    return key;
  }

  private MySqlDataStore open(SecretKeys keys) {
    MySqlDataStore store =
        MySqlDataStore.open(url, MySqlSettings.builder().secretKeys(keys).build());
    opened.add(store);
    return store;
  }

  private static ComponentRecord secretComponent(String id) {
    Component spec =
        Component.builder()
            .name("creds")
            .type("secret")
            .properties(
                Properties.builder().secret(Map.of("password", PASSWORD, "user", "admin")).build())
            .build();
    return new ComponentRecord(id, "app1", 0, spec, ComponentStatus.PENDING, 0, NOW, NOW);
  }

  private static void putApp(MySqlDataStore store) {
    store.putApplication(
        new ApplicationRecord(
            "app1", "shop", "default", "1.0.0", null, null, null, null, false, false, NOW, NOW));
  }

  private String rawSpec(String id) throws Exception {
    try (Connection c = DriverManager.getConnection(url + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT spec FROM min_app_components WHERE id = '" + id + "'")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void theRowHoldsCiphertextWithTheKeyIdAndReadsBackAsPlainText() throws Exception {
    MySqlDataStore store = open(SecretKeys.of("k1", KEY_1));
    putApp(store);

    store.putComponent(secretComponent("c1"));

    String raw = rawSpec("c1");
    assertThat(raw).doesNotContain(PASSWORD).doesNotContain("admin");
    assertThat(raw).contains("kubemin:aes-gcm:v1:k1:");
    assertThat(store.listComponents("app1").get(0).spec().properties().secret())
        .containsEntry("password", PASSWORD)
        .containsEntry("user", "admin");
    // The reads a worker makes when it starts several tasks at once open secrets too.
    assertThat(store.listComponents(List.of("app1")).get(0).spec().properties().secret())
        .containsEntry("password", PASSWORD);
  }

  @Test
  void revisionsHoldCiphertextToo() throws Exception {
    MySqlDataStore store = open(SecretKeys.of("k1", KEY_1));
    putApp(store);

    store.insertRevision(
        new io.kubemin.spi.RevisionRecord(
            "app1",
            1,
            "1.0.0",
            List.of(secretComponent("c1").spec()),
            List.of(),
            "system",
            "created",
            "hash",
            NOW));

    String raw;
    try (Connection c = DriverManager.getConnection(url + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT components FROM min_app_revisions")) {
      rs.next();
      raw = rs.getString(1);
    }
    assertThat(raw).doesNotContain(PASSWORD).contains("kubemin:aes-gcm:v1:k1:");
    assertThat(store.findRevision("app1", 1).orElseThrow().components().get(0))
        .extracting(cmp -> cmp.properties().secret().get("password"))
        .isEqualTo(PASSWORD);
  }

  @Test
  void theSameValueEncryptsDifferentlyEachTime() throws Exception {
    MySqlDataStore store = open(SecretKeys.of("k1", KEY_1));
    putApp(store);
    store.putComponent(secretComponent("c1"));
    String first = rawSpec("c1");

    store.putComponent(secretComponent("c1"));

    assertThat(rawSpec("c1")).isNotEqualTo(first);
  }

  @Test
  void keysRotateOldValuesReadAndReencryptionLetsTheOldKeyGo() throws Exception {
    MySqlDataStore before = open(SecretKeys.of("k1", KEY_1));
    putApp(before);
    before.putComponent(secretComponent("c1"));

    MySqlDataStore rotated = open(SecretKeys.of("k2", KEY_2).withPreviousKey("k1", KEY_1));
    assertThat(rotated.listComponents("app1").get(0).spec().properties().secret())
        .containsEntry("password", PASSWORD);
    assertThat(rotated.reencryptSecrets()).isEqualTo(1);
    assertThat(rotated.reencryptSecrets()).isZero();
    assertThat(rawSpec("c1")).contains(":k2:").doesNotContain(":k1:").doesNotContain(PASSWORD);

    MySqlDataStore after = open(SecretKeys.of("k2", KEY_2));
    assertThat(after.listComponents("app1").get(0).spec().properties().secret())
        .containsEntry("password", PASSWORD);
    MySqlDataStore stale = open(SecretKeys.of("k1", KEY_1));
    assertThatThrownBy(() -> stale.listComponents("app1"))
        .isInstanceOf(DataStoreException.class)
        .hasMessageContaining("encrypted with key 'k2', which this store was not given")
        .hasMessageNotContaining(PASSWORD);
  }

  @Test
  void plainValuesWrittenBeforeKeysWereGivenAreReadAndEncryptedByReencryption() throws Exception {
    MySqlDataStore plain = open(null);
    putApp(plain);
    plain.putComponent(secretComponent("c1"));
    assertThat(rawSpec("c1")).contains(PASSWORD);

    MySqlDataStore keyed = open(SecretKeys.of("k1", KEY_1));
    assertThat(keyed.listComponents("app1").get(0).spec().properties().secret())
        .containsEntry("password", PASSWORD);
    assertThat(keyed.reencryptSecrets()).isEqualTo(1);

    assertThat(rawSpec("c1")).doesNotContain(PASSWORD).contains(":k1:");
  }

  @Test
  void aWrongKeyWithTheSameIdFailsWithoutShowingTheValue() {
    MySqlDataStore store = open(SecretKeys.of("k1", KEY_1));
    putApp(store);
    store.putComponent(secretComponent("c1"));

    MySqlDataStore wrong = open(SecretKeys.of("k1", KEY_2));

    assertThatThrownBy(() -> wrong.listComponents("app1"))
        .isInstanceOf(DataStoreException.class)
        .hasMessageContaining("cannot be decrypted with key 'k1'")
        .hasMessageNotContaining(PASSWORD);
  }

  @Test
  void withoutKeysOpeningWarnsOnceThatSecretsAreInPlainText() {
    Logger logger = (Logger) LoggerFactory.getLogger(MySqlDataStore.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      open(null);
      open(SecretKeys.of("k1", KEY_1));
    } finally {
      logger.detachAppender(appender);
    }

    List<ILoggingEvent> warnings =
        appender.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).getFormattedMessage())
        .contains("stored in plain text")
        .contains("KUBEMIN_SECRET_KEYS");
  }

  @Test
  void keysAreCheckedAndNeverPrinted() {
    String encoded = Base64.getEncoder().encodeToString(KEY_1);
    SecretKeys parsed =
        SecretKeys.parse("new:" + Base64.getEncoder().encodeToString(KEY_2) + ",old:" + encoded);

    assertThat(parsed.currentKeyId()).isEqualTo("new");
    assertThat(parsed.keyIds()).containsExactly("new", "old");
    assertThat(parsed.toString()).doesNotContain(encoded);
    assertThat(MySqlSettings.builder().secretKeys(parsed).build().toString())
        .contains("secretKeys=[new, old]")
        .doesNotContain(encoded);
    assertThatThrownBy(() -> SecretKeys.of("k", "short".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("must have 16, 24 or 32 bytes, has 5");
    assertThatThrownBy(() -> SecretKeys.parse("k1:" + encoded + ",k1:" + encoded))
        .hasMessageContaining("given twice");
    assertThatThrownBy(() -> SecretKeys.parse("k1:%%%"))
        .hasMessageContaining("secret key 'k1' is not valid base64");
    assertThatThrownBy(() -> SecretKeys.of("bad id", KEY_1))
        .hasMessageContaining("secret key id must be");
  }
}
