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
}
