package io.kubemin.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JitWarmupTest {
  @Test
  void aMinimumOfZeroMeansNoWarmUpRound() {
    assertThat(new JitWarmup(Duration.ZERO).another()).isFalse();
  }

  @Test
  void theWarmUpLastsAtLeastItsMinimumAndNeverLongerThanItsLongest() throws InterruptedException {
    JitWarmup warming = new JitWarmup(Duration.ofMillis(150), Duration.ofMillis(400));

    assertThat(warming.another()).isTrue();
    Thread.sleep(50);
    assertThat(warming.another()).isTrue();
    Thread.sleep(400);
    assertThat(warming.another()).isFalse();
    assertThat(warming.seconds()).isGreaterThanOrEqualTo(0.45);
  }

  @Test
  void thisJvmReportsItsCompileTime() {
    long before = JitWarmup.compileMillis();

    assertThat(before).isNotNegative();
    assertThat(JitWarmup.compileMillis()).isGreaterThanOrEqualTo(before);
  }
}
