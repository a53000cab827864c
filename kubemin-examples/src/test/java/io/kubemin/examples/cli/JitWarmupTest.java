package io.kubemin.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JitWarmupTest {
  private final AtomicLong nanos = new AtomicLong();
  private final AtomicLong compiledMillis = new AtomicLong();

  @Test
  void aMinimumOfZeroMeansNoWarmUpRound() {
    assertThat(new JitWarmup(Duration.ZERO).another()).isFalse();
  }

  @Test
  void theWarmUpLastsAtLeastItsMinimumAndNeverLongerThanItsLongest() {
    JitWarmup warming = warmup(Duration.ofMillis(150), Duration.ofMillis(400));

    assertThat(warming.another()).isTrue();
    round(Duration.ofMillis(50), 50);
    assertThat(warming.another()).isTrue();
    round(Duration.ofMillis(400), 400);
    assertThat(warming.another()).isFalse();
    assertThat(warming.seconds()).isGreaterThanOrEqualTo(0.45);
  }

  @Test
  void pastItsMinimumTheWarmUpStopsOnceTheCompilerWasQuietForAWholeWindow() {
    JitWarmup warming = warmup(Duration.ofMillis(100), Duration.ofSeconds(60));

    for (int i = 0; i < 10; i++) {
      round(Duration.ofMillis(200), 150);
      assertThat(warming.another()).as("busy round %d", i).isTrue();
    }
    for (int i = 0; i < 9; i++) {
      round(Duration.ofMillis(200), 2);
      assertThat(warming.another()).as("quiet round %d, window not yet whole", i).isTrue();
    }
    round(Duration.ofMillis(200), 2);
    assertThat(warming.another()).isFalse();
    assertThat(warming.seconds()).isEqualTo(4.0);
  }

  @Test
  void aQuietWindowWithSomeCompilingRoundsInItIsNotQuiet() {
    JitWarmup warming = warmup(Duration.ofMillis(100), Duration.ofSeconds(60));

    round(Duration.ofMillis(1_500), 0);
    assertThat(warming.another()).isTrue();
    round(Duration.ofMillis(500), 400);
    assertThat(warming.another()).as("400 ms of compiling in 2 s").isTrue();
  }

  @Test
  void thisJvmReportsItsCompileTime() {
    long before = JitWarmup.compileMillis();

    assertThat(before).isNotNegative();
    assertThat(JitWarmup.compileMillis()).isGreaterThanOrEqualTo(before);
  }

  private JitWarmup warmup(Duration minimum, Duration longest) {
    return new JitWarmup(minimum, longest, nanos::get, compiledMillis::get);
  }

  /** A warm-up round that took {@code wall} while the compiler worked {@code compiling} ms. */
  private void round(Duration wall, long compiling) {
    nanos.addAndGet(wall.toNanos());
    compiledMillis.addAndGet(compiling);
  }
}
