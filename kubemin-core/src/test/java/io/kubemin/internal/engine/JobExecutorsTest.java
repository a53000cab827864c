package io.kubemin.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemin.spi.Job;
import io.kubemin.spi.JobContext;
import io.kubemin.spi.JobExecutor;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.JobOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobExecutorsTest {
  /** Runs jobs, cannot list: keeps listOwned's default. */
  static class RunsOnly implements JobExecutor {
    @Override
    public boolean supports(JobKind kind) {
      return true;
    }

    @Override
    public JobOutcome run(Job job, JobContext context) {
      return JobOutcome.completed();
    }
  }

  /** Lists what an application owns. */
  static final class Lists extends RunsOnly {
    @Override
    public List<HasMetadata> listOwned(JobKind kind, String appId) {
      return List.of(new ConfigMapBuilder().withNewMetadata().withName("x").endMetadata().build());
    }
  }

  @Test
  void anExecutorKeepingTheDefaultListOwnedIsKnownNotToList() {
    assertThat(JobExecutors.lists(new RunsOnly())).isFalse();
    assertThat(JobExecutors.lists(new Lists())).isTrue();
    assertThat(new JobExecutors(List.of(new RunsOnly())).anyLists()).isFalse();
    assertThat(new JobExecutors(List.of(new RunsOnly(), new Lists())).anyLists()).isTrue();
  }
}
