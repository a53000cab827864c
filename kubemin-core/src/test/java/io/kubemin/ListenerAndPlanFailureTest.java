package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.config;
import static io.kubemin.TestApps.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.model.Step;
import io.kubemin.spi.WorkflowRecord;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.workflow.JobEvent;
import io.kubemin.workflow.JobStatus;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.WorkflowListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ListenerAndPlanFailureTest {
  private final InMemoryDataStore store = new InMemoryDataStore();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<JobEvent> finishedJobs = new CopyOnWriteArrayList<>();
  private final List<TaskEvent> finishedTasks = new CopyOnWriteArrayList<>();

  private KubeMin kubemin() {
    return KubeMin.builder()
        .dataStore(store)
        .jobExecutor(new RecordingJobExecutor())
        .listener(
            new WorkflowListener() {
              @Override
              public void taskQueued(TaskEvent event) {
                events.add("queued " + event.status().jsonName());
              }

              @Override
              public void taskStarted(TaskEvent event) {
                events.add("started " + event.status().jsonName());
              }

              @Override
              public void jobStarted(JobEvent event) {
                events.add("job started " + event.componentName());
              }

              @Override
              public void jobProgress(JobEvent event) {
                events.add("job progress " + event.componentName());
              }

              @Override
              public void jobFinished(JobEvent event) {
                finishedJobs.add(event);
                events.add(
                    "job finished "
                        + event.componentName()
                        + " "
                        + event.jobsDone()
                        + "/"
                        + event.jobsPlanned());
              }

              @Override
              public void taskFinished(TaskEvent event) {
                finishedTasks.add(event);
                events.add("finished " + event.status().jsonName());
              }
            })
        .build();
  }

  @Test
  void listenersSeeEveryStepOfATaskWithEnoughToDrawAProgressBar() {
    try (KubeMin kubemin = kubemin()) {
      kubemin.start();
      String appId =
          kubemin.createApplication(app("shop", List.of(config("conf"), web("web")))).id();

      String taskId = kubemin.exec(appId);
      awaitEnd(kubemin, taskId);
      await().atMost(Duration.ofSeconds(5)).until(() -> finishedTasks.size() == 1);

      assertThat(events)
          .containsExactly(
              "queued queued",
              "started running",
              "job started conf",
              "job progress conf",
              "job finished conf 1/2",
              "job started web",
              "job progress web",
              "job finished web 2/2",
              "finished completed");
      assertThat(finishedJobs)
          .allSatisfy(
              e -> {
                assertThat(e.status()).isEqualTo(JobStatus.COMPLETED);
                assertThat(e.taskId()).isEqualTo(taskId);
                assertThat(e.duration().isNegative()).isFalse();
              });
      assertThat(finishedTasks.get(0).jobsDone()).isEqualTo(2);
    }
  }

  @Test
  void aStoredWorkflowNamingAMissingComponentFailsTheTaskClearly() {
    try (KubeMin kubemin = kubemin()) {
      String appId = kubemin.createApplication(app("shop", List.of(web("web")))).id();
      WorkflowRecord workflow = store.listWorkflows(appId).get(0);
      store.putWorkflow(
          new WorkflowRecord(
              workflow.id(),
              appId,
              workflow.name(),
              workflow.alias(),
              List.of(Step.builder().name("gone").components("removed-meanwhile").build()),
              workflow.createdAt(),
              workflow.updatedAt()));
      kubemin.start();

      Task task = awaitEnd(kubemin, kubemin.exec(appId));

      assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
      assertThat(task.error())
          .isEqualTo(
              "step 'gone' names component 'removed-meanwhile', which the application does not have");
    }
  }
}
