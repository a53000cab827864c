package io.kubemin.spi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemin.Ids;
import org.junit.jupiter.api.Test;

class DispatchMessageTest {
  @Test
  void roundTrips() {
    DispatchMessage message = new DispatchMessage(Ids.newId(), 3);
    assertThat(DispatchMessage.decode(message.encode())).isEqualTo(message);
  }

  @Test
  void garbageIsRejectedWithAShortExcerpt() {
    assertThatThrownBy(() -> DispatchMessage.decode("x".repeat(500).getBytes(UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a dispatch message: xxx")
        .hasMessageEndingWith("…");
  }

  @Test
  void idsAre24LowercaseAlphanumerics() {
    assertThat(Ids.newId()).matches("[a-z0-9]{24}").isNotEqualTo(Ids.newId());
  }

  @Test
  void decodesTheWrittenFormAndTheSpacedOneAlike() {
    assertThat(DispatchMessage.decode("{\"task_id\":\"abc123\",\"attempt\":007}".getBytes(UTF_8)))
        .isEqualTo(new DispatchMessage("abc123", 7));
    assertThat(
            DispatchMessage.decode(
                " { \"task_id\" : \"abc123\" , \"attempt\" : 12 }\n".getBytes(UTF_8)))
        .isEqualTo(new DispatchMessage("abc123", 12));
  }

  @Test
  void rejectsIdsAndAttemptsOutOfBounds() {
    for (String payload :
        new String[] {
          "{\"task_id\":\"" + "a".repeat(65) + "\",\"attempt\":1}",
          "{\"task_id\":\"\",\"attempt\":1}",
          "{\"task_id\":\"ABC\",\"attempt\":1}",
          "{\"task_id\":\"abc\",\"attempt\":1234567890}",
          "{\"task_id\":\"abc\",\"attempt\":-1}",
          "{\"task_id\":\"abc\",\"attempt\":}",
          "{\"task_id\":\"abc\",\"attempt\":1}x",
        }) {
      assertThatThrownBy(() -> DispatchMessage.decode(payload.getBytes(UTF_8)))
          .as(payload)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(
            DispatchMessage.decode(
                ("{\"task_id\":\"" + "a".repeat(64) + "\",\"attempt\":999999999}").getBytes(UTF_8)))
        .isEqualTo(new DispatchMessage("a".repeat(64), 999_999_999));
  }
}
