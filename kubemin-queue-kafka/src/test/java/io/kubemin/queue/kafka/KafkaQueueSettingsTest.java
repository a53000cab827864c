package io.kubemin.queue.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemin.queue.kafka.KafkaQueueSettings.OffsetReset;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KafkaQueueSettingsTest {
  @Test
  void aBareUriTakesTheDefaults() {
    KafkaQueueSettings settings = KafkaQueueSettings.fromUri("kafka://broker:9092");

    assertThat(settings.bootstrapServers()).isEqualTo("broker:9092");
    assertThat(settings.dispatchTopic()).isEqualTo("kubemin.workflow.dispatch");
    assertThat(settings.deadLetterTopic()).isEqualTo("kubemin.workflow.dispatch.dead");
    assertThat(settings.groupId()).isEqualTo(KafkaQueueSettings.DEFAULT_GROUP_ID);
    assertThat(settings.offsetReset()).isEqualTo(OffsetReset.EARLIEST);
    assertThat(settings.partitions()).isEqualTo(KafkaQueueSettings.DEFAULT_PARTITIONS);
    assertThat(settings.replication()).isEqualTo(KafkaQueueSettings.DEFAULT_REPLICATION);
    assertThat(settings.clientProperties()).isEmpty();
  }

  @Test
  void theUriQuerySetsEverySetting() {
    KafkaQueueSettings settings =
        KafkaQueueSettings.fromUri(
            "kafka://b1:9092,b2:9093/?prefix=prod&group=team-a&offsetReset=latest&partitions=12"
                + "&replication=3&bufferCapacity=50&rebalanceGraceMs=500"
                + "&kafka.security.protocol=SASL_SSL&kafka.sasl.mechanism=PLAIN");

    assertThat(settings.bootstrapServers()).isEqualTo("b1:9092,b2:9093");
    assertThat(settings.dispatchTopic()).isEqualTo("prod.workflow.dispatch");
    assertThat(settings.groupId()).isEqualTo("team-a");
    assertThat(settings.offsetReset()).isEqualTo(OffsetReset.LATEST);
    assertThat(settings.partitions()).isEqualTo(12);
    assertThat(settings.replication()).isEqualTo((short) 3);
    assertThat(settings.bufferCapacity()).isEqualTo(50);
    assertThat(settings.rebalanceGrace()).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.clientProperties())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN"));
  }

  @Test
  void settingsKeysWinOverTheQueryAndPassClientProperties() {
    KafkaQueueSettings settings =
        KafkaQueueSettings.fromSettings(
            Map.of(
                "uri", "kafka://b1:9092?group=from-uri",
                "group", "from-settings",
                "kafka.ssl.truststore.location", "/etc/kafka/truststore.jks"));

    assertThat(settings.groupId()).isEqualTo("from-settings");
    assertThat(settings.clientProperties())
        .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.jks");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "redis://b1:6379 | must start with kafka://",
        "kafka:// | bootstrap servers must not be empty",
        "kafka://b1 | 'b1' must be host:port",
        "kafka://b1:99999 | port 1-65535",
        "kafka://b1:9092?partitions=0 | partitions must be between 1 and 10000",
        "kafka://b1:9092?partitions=many | partitions must be a whole number",
        "kafka://b1:9092?replication=0 | replication must be -1",
        "kafka://b1:9092?offsetReset=middle | offsetReset must be earliest or latest",
        "kafka://b1:9092?prefix=a/b | prefix 'a/b' must be",
        "kafka://b1:9092?grup=x | unknown kafka queue setting 'grup'",
        "kafka://b1:9092?kafka.group.id=x | kafka.group.id is managed by KubeMin; set group",
        "kafka://b1:9092?kafka.enable.auto.commit=true | kafka.enable.auto.commit is managed",
      })
  void badSettingsAreRejectedNamingTheKey(String uri, String message) {
    assertThatThrownBy(() -> KafkaQueueSettings.fromUri(uri))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void aBadUriDoesNotEchoItsQuery() {
    assertThatThrownBy(
            () -> KafkaQueueSettings.fromUri("kfka://b1:9092?kafka.sasl.jaas.config=secret-pw"))
        .hasMessageNotContaining("secret-pw");
  }

  @Test
  void toStringMasksSecrets() {
    KafkaQueueSettings settings =
        KafkaQueueSettings.builder()
            .bootstrapServers("b1:9092")
            .clientProperty("sasl.jaas.config", "PlainLoginModule username=\"u\" password=\"pw1\";")
            .clientProperty("ssl.keystore.password", "pw2")
            .clientProperty("ssl.key.password", "pw3")
            .clientProperty("security.protocol", "SASL_SSL")
            .build();

    assertThat(settings.toString())
        .doesNotContain("pw1", "pw2", "pw3")
        .contains("security.protocol=SASL_SSL", "sasl.jaas.config=****");
  }

  @Test
  void theBuilderRequiresBootstrapServers() {
    assertThatThrownBy(() -> KafkaQueueSettings.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bootstrapServers");
  }

  @Test
  void toBuilderKeepsEverySetting() {
    KafkaQueueSettings settings =
        KafkaQueueSettings.fromUri("kafka://b1:9092?prefix=p&partitions=2&kafka.acks=1");

    assertThat(settings.toBuilder().build().toString()).isEqualTo(settings.toString());
  }
}
