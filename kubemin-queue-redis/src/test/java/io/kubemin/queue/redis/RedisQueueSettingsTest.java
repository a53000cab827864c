package io.kubemin.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedisQueueSettingsTest {

  @Test
  void aBareUriTakesEveryDefault() {
    RedisQueueSettings settings = RedisQueueSettings.fromUri("redis://127.0.0.1");

    assertThat(settings.host()).isEqualTo("127.0.0.1");
    assertThat(settings.port()).isEqualTo(RedisQueueSettings.DEFAULT_PORT);
    assertThat(settings.database()).isZero();
    assertThat(settings.username()).isNull();
    assertThat(settings.password()).isNull();
    assertThat(settings.tls()).isFalse();
    assertThat(settings.streamKey()).isEqualTo("kubemin.workflow.dispatch");
    assertThat(settings.deadLetterKey()).isEqualTo("kubemin.workflow.dispatch.dead");
    assertThat(settings.maxlen()).isEqualTo(50_000);
    assertThat(settings.claimMinIdle()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.claimInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(settings.claimCount()).isEqualTo(50);
    assertThat(settings.commandTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void everyPartOfTheUriIsRead() {
    RedisQueueSettings settings =
        RedisQueueSettings.fromUri(
            "rediss://worker:s%40cret+1@redis.example.com:6380/3?prefix=team-a&maxlen=1000"
                + "&timeout=2s&claimMinIdle=30s&claimInterval=500ms&claimCount=20"
                + "&verifyPeer=false");

    assertThat(settings.tls()).isTrue();
    assertThat(settings.username()).isEqualTo("worker");
    assertThat(settings.password()).isEqualTo("s@cret+1");
    assertThat(settings.host()).isEqualTo("redis.example.com");
    assertThat(settings.port()).isEqualTo(6380);
    assertThat(settings.database()).isEqualTo(3);
    assertThat(settings.streamKey()).isEqualTo("team-a.workflow.dispatch");
    assertThat(settings.maxlen()).isEqualTo(1000);
    assertThat(settings.commandTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.claimMinIdle()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.claimInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.claimCount()).isEqualTo(20);
    assertThat(settings.verifyPeer()).isFalse();
  }

  @Test
  void aPasswordWithoutUserAuthenticatesTheDefaultUser() {
    assertThat(RedisQueueSettings.fromUri("redis://:pw@h").password()).isEqualTo("pw");
    assertThat(RedisQueueSettings.fromUri("redis://:pw@h").username()).isNull();
    assertThat(RedisQueueSettings.fromUri("redis://pw@h").password()).isEqualTo("pw");
  }

  @Test
  void durationsAlsoAcceptIso8601() {
    assertThat(RedisQueueSettings.fromUri("redis://h?claimMinIdle=PT2M").claimMinIdle())
        .isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void thePasswordNeverShows() {
    RedisQueueSettings settings = RedisQueueSettings.fromUri("redis://bob:hunter2@h:1/2");

    assertThat(settings.toString()).doesNotContain("hunter2").contains("bob:****@h:1/2");
    assertThatThrownBy(() -> RedisQueueSettings.fromUri("redis://bob:hunter2@h?maxlen=x"))
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> RedisQueueSettings.fromUri("http://bob:hunter2@h"))
        .hasMessageNotContaining("hunter2");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http://h                    | must start with redis:// or rediss://",
        "redis://h/x                 | database number",
        "redis://h?maxlen=-1         | maxlen must be a whole number",
        "redis://h?prefix=a%20b      | prefix must be 1-100 letters",
        "redis://h?claimMinIdle=soon | claimMinIdle must be a duration",
        "redis://h?timeout=1ms       | timeout must be at least 100 ms",
        "redis://h?claimCount=0      | claimCount must be between 1 and 10000",
        "redis://h?verifyPeer=maybe  | verifyPeer must be true or false",
        "redis://h?maxLen=5          | unknown Redis URI parameter 'maxLen'",
        "redis://h:0                 | port must be between 1 and 65535",
        "redis://bad_host:1          | host is not a valid host name",
      })
  void badUrisNameWhatIsWrong(String uri, String message) {
    assertThatThrownBy(() -> RedisQueueSettings.fromUri(uri))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void theBuilderChecksItsValues() {
    RedisQueueSettings.Builder builder = RedisQueueSettings.builder();

    assertThatThrownBy(() -> builder.port(70_000)).hasMessageContaining("port");
    assertThatThrownBy(() -> builder.database(-1)).hasMessageContaining("database");
    assertThatThrownBy(() -> builder.prefix(" ")).hasMessageContaining("prefix");
    assertThatThrownBy(() -> builder.claimMinIdle(null)).hasMessageContaining("claimMinIdle");
    assertThat(builder.prefix("x").build().toBuilder().maxlen(7).build().maxlen()).isEqualTo(7);
  }

  @Test
  void theProviderLetsSettingsOverrideTheUri() {
    RedisQueueSettings settings =
        RedisUriParser.parse("redis://h?prefix=a", java.util.Map.of("prefix", "b"));

    assertThat(settings.prefix()).isEqualTo("b");
    assertThat(new RedisQueueProvider().type()).isEqualTo("redis");
  }
}
