package io.kubemin.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "500ms, PT0.5S",
    "90s, PT1M30S",
    "5m, PT5M",
    "1h, PT1H",
    "1h30m, PT1H30M",
    "1.5h, PT1H30M",
    "2h45m30s250ms, PT2H45M30.25S",
    "0, PT0S",
    "0s, PT0S"
  })
  void parsesGoStyleDurations(String text, String expected) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "5", "5 m", "-5m", "5min", "PT5M", "1d", "m", "1.m", ".5s", "5m ", "1h-30m", "1e3s", "٣s"
      })
  void rejectsOtherText(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a duration");
  }

  @ParameterizedTest
  @NullAndEmptySource
  void requiresText(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2562048h", "99999999999999999999h", "1000000000000000000000ms"})
  void rejectsDurationsBeyond292Years(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too long");
  }

  @ParameterizedTest
  @ValueSource(ints = {65, 10_000})
  void rejectsOverlongTextWithoutEchoingIt(int length) {
    String text = "1".repeat(length) + "s";

    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
  }
}
