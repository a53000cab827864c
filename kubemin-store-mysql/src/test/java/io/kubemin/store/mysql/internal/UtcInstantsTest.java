package io.kubemin.store.mysql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UtcInstantsTest {
  private static final DateTimeFormatter GENERAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  @Test
  void instantsAreWrittenAsTheGeneralFormatterWritesThem() {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 100_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(
              random.nextLong(-62_135_596_800L, 253_402_300_800L), random.nextInt(1_000_000_000));
      assertThat(UtcInstants.text(instant))
          .as("%s", instant)
          .isEqualTo(GENERAL.format(instant.truncatedTo(ChronoUnit.MILLIS)));
    }
    assertThat(UtcInstants.text(Instant.parse("1970-01-01T00:00:00.999999Z")))
        .isEqualTo("1970-01-01 00:00:00.999");
    assertThat(UtcInstants.text(Instant.parse("1969-12-31T23:59:59.001Z")))
        .isEqualTo("1969-12-31 23:59:59.001");
    assertThat(UtcInstants.text(null)).isNull();
  }

  @Test
  void yearsOutsideTheFourDigitRangeTakeTheGeneralPath() {
    Instant late = Instant.parse("+10000-01-01T00:00:00.123Z");
    assertThat(UtcInstants.text(late)).isEqualTo(GENERAL.format(late));
  }
}
