package io.kubemin.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A committer writes one batch at a time, in the order offered, unless its writes need no order:
 * then a second batch is written beside the first once enough writes wait for it.
 */
class CommitterTest {
  private final CountDownLatch firstBatchMayEnd = new CountDownLatch(1);
  private final List<List<String>> written = new CopyOnWriteArrayList<>();
  private Recording committer;

  @AfterEach
  void stop() {
    firstBatchMayEnd.countDown();
    if (committer != null) {
      committer.stop();
    }
  }

  @Test
  void enoughWaitingWritesGoInASecondBatchWhileTheFirstIsWritten() {
    committer = new Recording(3);
    committer.offer("a");
    await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 1);

    committer.offer("b");
    committer.offer("c");
    committer.offer("d");

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> written.size() == 2 && committer.ended.size() == 1);
    assertThat(written).containsExactly(List.of("a"), List.of("b", "c", "d"));
    assertThat(committer.ended).as("written while the first batch is").containsExactly("b,c,d");
  }

  @Test
  void fewerWaitingWritesWaitForTheBatchBeingWritten() throws InterruptedException {
    committer = new Recording(3);
    committer.offer("a");
    await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 1);

    committer.offer("b");
    committer.offer("c");
    TimeUnit.MILLISECONDS.sleep(200);
    assertThat(written).as("no second batch yet").hasSize(1);

    firstBatchMayEnd.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> committer.ended.size() == 2);
    assertThat(written).containsExactly(List.of("a"), List.of("b", "c"));
  }

  @Test
  void writesThatNeedOrderWaitForTheBatchBeingWrittenHoweverMany() throws InterruptedException {
    committer = new Recording(0);
    committer.offer("a");
    await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 1);

    for (String write : List.of("b", "c", "d", "e", "f")) {
      committer.offer(write);
    }
    TimeUnit.MILLISECONDS.sleep(200);
    assertThat(written).as("no second batch yet").hasSize(1);

    firstBatchMayEnd.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> committer.ended.size() == 2);
    assertThat(committer.ended).containsExactly("a", "b,c,d,e,f");
  }

  /** Records each batch; the first one waits for {@link #firstBatchMayEnd}. */
  private final class Recording extends Committer<String> {
    final List<String> ended = new CopyOnWriteArrayList<>();

    Recording(int parallelBatchMin) {
      super("committer-test", 64, parallelBatchMin);
    }

    @Override
    void write(List<String> batch) {
      boolean first = written.isEmpty();
      written.add(List.copyOf(batch));
      if (first) {
        try {
          firstBatchMayEnd.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      ended.add(String.join(",", batch));
    }

    @Override
    void fail(String write, RuntimeException failure) {
      throw new AssertionError("no write fails here", failure);
    }
  }
}
