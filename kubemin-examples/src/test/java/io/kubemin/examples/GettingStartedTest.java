package io.kubemin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.workflow.ComponentTaskStatus;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.TaskStatusView;
import org.junit.jupiter.api.Test;

class GettingStartedTest {

  @Test
  void theGettingStartedExampleDeploysItsApplication() throws InterruptedException {
    TaskStatusView status = GettingStarted.deploy();

    assertThat(status.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(status.components())
        .extracting(ComponentTaskStatus::name, ComponentTaskStatus::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("web", "completed"));
  }
}
