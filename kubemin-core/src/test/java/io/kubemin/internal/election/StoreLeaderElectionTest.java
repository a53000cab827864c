package io.kubemin.internal.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubemin.KubeMin;
import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.DataStoreException;
import io.kubemin.spi.LeaderElection;
import io.kubemin.testing.RecordingJobExecutor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Store-based election against a store whose lease answers the test decides. */
class StoreLeaderElectionTest {
  private static final Duration LEASE = Duration.ofMillis(600);

  /** What tryLease does next. */
  private enum Answer {
    HELD,
    OTHER,
    FAIL,
    HANG,
    UNSUPPORTED
  }

  private final AtomicReference<Answer> answer = new AtomicReference<>(Answer.HELD);
  private final AtomicInteger releases = new AtomicInteger();
  private final CountDownLatch hung = new CountDownLatch(1);
  private final List<String> heard = new CopyOnWriteArrayList<>();
  private StoreLeaderElection election;

  @AfterEach
  void close() {
    hung.countDown();
    if (election != null) {
      election.close();
    }
  }

  private DataStore store() {
    InMemoryDataStore target = new InMemoryDataStore();
    return (DataStore)
        Proxy.newProxyInstance(
            DataStore.class.getClassLoader(),
            new Class<?>[] {DataStore.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "shared":
                  return true;
                case "tryLease":
                  return switch (answer.get()) {
                    case HELD -> true;
                    case OTHER -> false;
                    case FAIL -> throw new DataStoreException("unreachable (test)");
                    case HANG -> {
                      hung.await();
                      throw new DataStoreException("timed out (test)");
                    }
                    case UNSUPPORTED -> throw new UnsupportedOperationException("no leases");
                  };
                case "releaseLease":
                  releases.incrementAndGet();
                  return null;
                default:
                  try {
                    return method.invoke(target, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
              }
            });
  }

  private void start() {
    election = new StoreLeaderElection(store(), "me", LEASE, Clock.systemUTC());
    election.start(
        new LeaderElection.LeadershipListener() {
          @Override
          public void startedLeading() {
            heard.add("started");
          }

          @Override
          public void stoppedLeading() {
            heard.add("stopped");
          }
        });
  }

  @Test
  void leadsWhileItHoldsTheLeaseAndReleasesItOnClose() {
    start();
    await().atMost(Duration.ofSeconds(2)).until(election::isLeader);

    election.close();

    assertThat(election.isLeader()).isFalse();
    assertThat(heard).containsExactly("started", "stopped");
    assertThat(releases).hasValue(1);
  }

  @Test
  void stepsDownAtOnceWhenAnotherInstanceHoldsTheLease() {
    start();
    await().atMost(Duration.ofSeconds(2)).until(election::isLeader);

    answer.set(Answer.OTHER);

    await().atMost(LEASE).until(() -> !election.isLeader());
    assertThat(heard).containsExactly("started", "stopped");
  }

  @Test
  void stepsDownBeforeTheLeaseEndsWhileARenewalHangs() {
    start();
    await().atMost(Duration.ofSeconds(2)).until(election::isLeader);
    long hangFrom = System.nanoTime();

    answer.set(Answer.HANG);

    await().atMost(LEASE).until(() -> !election.isLeader());
    long ms = (System.nanoTime() - hangFrom) / 1_000_000;
    // Two thirds of the lease after the last renewal, which was at most a third before the hang.
    assertThat(ms).isLessThan(LEASE.toMillis());
  }

  @Test
  void failingRenewalsStepDownAndARecoveredStoreLeadsAgain() {
    start();
    await().atMost(Duration.ofSeconds(2)).until(election::isLeader);

    answer.set(Answer.FAIL);
    await().atMost(LEASE).until(() -> !election.isLeader());
    answer.set(Answer.HELD);

    await().atMost(LEASE).until(election::isLeader);
    assertThat(heard).containsExactly("started", "stopped", "started");
  }

  @Test
  void aSharedStoreWithoutLeasesLeadsWithoutAnElection() throws Exception {
    answer.set(Answer.UNSUPPORTED);
    start();

    await().atMost(Duration.ofSeconds(2)).until(election::isLeader);
    Thread.sleep(LEASE.toMillis());
    assertThat(election.isLeader()).isTrue();
  }

  @Test
  void kubeMinOnASharedStoreElectsThroughItAndFollowsWhenAnotherHoldsTheLease() throws Exception {
    answer.set(Answer.OTHER);
    try (KubeMin kubemin =
        KubeMin.builder()
            .dataStore(store())
            .jobExecutor(new RecordingJobExecutor())
            .leaderLease(LEASE)
            .build()) {
      kubemin.start();
      Thread.sleep(LEASE.toMillis());
      assertThat(kubemin.isLeader()).isFalse();

      answer.set(Answer.HELD);
      await().atMost(LEASE).until(kubemin::isLeader);
    }
  }

  @Test
  void aProcessLocalStoreLeadsAtOnceAsBefore() {
    try (KubeMin kubemin = KubeMin.builder().jobExecutor(new RecordingJobExecutor()).build()) {
      kubemin.start();
      assertThat(kubemin.isLeader()).isTrue();
    }
  }
}
