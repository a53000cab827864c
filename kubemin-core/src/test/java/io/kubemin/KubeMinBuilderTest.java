package io.kubemin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.memory.InMemoryQueue;
import io.kubemin.spi.ExtensionContext;
import io.kubemin.spi.KubeMinExtension;
import io.kubemin.spi.LeaderElection;
import io.kubemin.spi.Role;
import io.kubemin.testing.ManualClock;
import io.kubemin.testing.RecordingJobExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KubeMinBuilderTest {
  private final RecordingJobExecutor executor = new RecordingJobExecutor();

  @Test
  void settersRejectValuesOutsideTheirLimitsNamingThem() {
    KubeMinBuilder builder = KubeMin.builder();

    assertThatThrownBy(() -> builder.maxConcurrentTasks(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxConcurrentTasks")
        .hasMessageContaining("between 1 and 10000");
    assertThatThrownBy(() -> builder.taskLease(Duration.ofMillis(1)))
        .hasMessageContaining("taskLease")
        .hasMessageContaining("at least 30 ms");
    assertThatThrownBy(() -> builder.workerThreads(65)).hasMessageContaining("workerThreads");
    assertThatThrownBy(() -> builder.maxActiveTasksPerApp(-1))
        .hasMessageContaining("maxActiveTasksPerApp");
    assertThatThrownBy(() -> builder.dispatchPollInterval(Duration.ZERO))
        .hasMessageContaining("dispatchPollInterval");
    assertThatThrownBy(() -> builder.instanceId(" ")).hasMessageContaining("instanceId");
    assertThatThrownBy(() -> builder.roles()).hasMessageContaining("roles");
  }

  @Test
  void anInstanceThatRunsJobsNeedsAnExecutor() {
    assertThatThrownBy(() -> KubeMin.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no JobExecutor registered");

    KubeMin.builder().roles(Role.DISPATCHER).build().close();
  }

  @Test
  void anApiOnlyInstanceNeedsNoExecutorAndReportsWhatItCouldNotDelete() {
    InMemoryDataStore store = new InMemoryDataStore();
    try (KubeMin api = KubeMin.builder().dataStore(store).roles(Role.API).build()) {
      api.start();
      String appId =
          api.createApplication(TestApps.app("shop", java.util.List.of(TestApps.web("web")))).id();

      DeletionResult deletion = api.deleteResources(appId);

      assertThat(deletion.deletedResources()).isEmpty();
      assertThat(deletion.failedResources())
          .isNotEmpty()
          .allMatch(line -> line.contains("no JobExecutor supports"));
      assertThat(api.application(appId).id()).isEqualTo(appId);
    }
  }

  @Test
  void whatKubeMinOpensItClosesAndWhatTheHostPassesStaysOpen() {
    CasLog hostStore = new CasLog(new InMemoryDataStore());
    InMemoryQueue hostQueue = new InMemoryQueue();
    try (KubeMin kubemin =
        KubeMin.builder().dataStore(hostStore).queue(hostQueue).jobExecutor(executor).build()) {
      kubemin.start();
    }

    assertThat(hostStore.closed()).isFalse();
    hostQueue.ensureGroup("still-open");
  }

  @Test
  void extensionsStartAfterTheEngineAndStopInReverseOrder() {
    List<String> events = new ArrayList<>();
    List<ExtensionContext> contexts = new ArrayList<>();
    ManualClock clock = new ManualClock();
    KubeMin kubemin =
        KubeMin.builder()
            .jobExecutor(executor)
            .clock(clock)
            .instanceId("node-1")
            .roles(Role.API, Role.STATUS_SYNC)
            .extension(new NamedExtension("informers", events, contexts))
            .extension(new NamedExtension("metrics", events, contexts))
            .build();

    kubemin.start();
    kubemin.close();

    assertThat(events)
        .containsExactly("start informers", "start metrics", "stop metrics", "stop informers");
    assertThat(contexts.get(0).instanceId()).isEqualTo("node-1");
    assertThat(contexts.get(0).clock()).isSameAs(clock);
    assertThat(contexts.get(0).roles()).isEqualTo(Set.of(Role.API, Role.STATUS_SYNC));
    assertThat(contexts.get(0).dataStore()).isNotNull();
  }

  @Test
  void aFailingExtensionFailsStartAndStopsWhatStarted() {
    List<String> events = new ArrayList<>();
    KubeMin kubemin =
        KubeMin.builder()
            .jobExecutor(executor)
            .extension(new NamedExtension("first", events, new ArrayList<>()))
            .extension(
                new KubeMinExtension() {
                  @Override
                  public void start(ExtensionContext context) {
                    throw new IllegalStateException("no cluster");
                  }

                  @Override
                  public void stop() {
                    events.add("stop broken");
                  }
                })
            .build();

    assertThatThrownBy(kubemin::start).hasMessage("no cluster");
    assertThat(events).containsExactly("start first", "stop first");
    assertThatThrownBy(() -> kubemin.applications()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void thePluggedLeaderElectionDecidesWhenTheDispatcherRuns() {
    ManualElection election = new ManualElection();
    try (KubeMin kubemin =
        KubeMin.builder().jobExecutor(executor).leaderElection(election).build()) {
      kubemin.start();
      assertThat(election.listener).isNotNull();
    }
    assertThat(election.closed).isTrue();
  }

  @Test
  void operationsNeedTheApiRoleAndAnOpenInstance() {
    KubeMin worker = KubeMin.builder().roles(Role.WORKER).jobExecutor(executor).build();
    assertThatThrownBy(worker::applications).hasMessageContaining("without Role.API");
    worker.close();

    KubeMin api = KubeMin.builder().jobExecutor(executor).build();
    api.start();
    api.close();
    api.close();
    assertThatThrownBy(api::applications).hasMessageContaining("closed");
    assertThatThrownBy(api::start).isInstanceOf(IllegalStateException.class);
  }

  private record NamedExtension(String name, List<String> events, List<ExtensionContext> contexts)
      implements KubeMinExtension {
    @Override
    public void start(ExtensionContext context) {
      contexts.add(context);
      events.add("start " + name);
    }

    @Override
    public void stop() {
      events.add("stop " + name);
    }
  }

  private static final class ManualElection implements LeaderElection {
    LeadershipListener listener;
    boolean closed;

    @Override
    public void start(LeadershipListener leadershipListener) {
      this.listener = leadershipListener;
    }

    @Override
    public boolean isLeader() {
      return false;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
