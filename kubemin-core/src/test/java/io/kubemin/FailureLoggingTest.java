package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.web;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.memory.InMemoryQueue;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.testsupport.FaultyQueue;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** While the queue is down, every offer fails: the log says so once, then says it recovered. */
class FailureLoggingTest {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger engineLogs = (Logger) LoggerFactory.getLogger("io.kubemin.internal.engine");
  private Level previous;

  @BeforeEach
  void capture() {
    previous = engineLogs.getLevel();
    engineLogs.setLevel(Level.INFO);
    appender.start();
    engineLogs.addAppender(appender);
  }

  @AfterEach
  void release() {
    engineLogs.detachAppender(appender);
    engineLogs.setLevel(previous);
  }

  @Test
  void aQueueOutageOverManyOffersIsOneWarningWithOneStackTraceAndOneRecovery() {
    FaultyQueue queue = FaultyQueue.over(new InMemoryQueue()).failEnqueues(100);
    try (KubeMin kubemin =
        KubeMin.builder()
            .instanceId("logging-" + System.nanoTime())
            .dataStore(new InMemoryDataStore())
            .queue(queue.queue())
            .jobExecutor(new RecordingJobExecutor())
            .maxActiveTasksPerApp(0)
            .dispatchPollInterval(Duration.ofMillis(20))
            .build()) {
      kubemin.start();
      String appId = kubemin.createApplication(app("shop", List.of(web("web")))).id();
      List<String> taskIds = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        taskIds.add(kubemin.exec(appId));
      }

      assertThat(taskIds)
          .allSatisfy(
              id -> assertThat(awaitEnd(kubemin, id).status()).isEqualTo(TaskStatus.COMPLETED));
    }

    List<ILoggingEvent> enqueueing =
        appender.list.stream()
            .filter(e -> e.getFormattedMessage().startsWith("enqueueing tasks on instance"))
            .toList();
    assertThat(enqueueing)
        .filteredOn(e -> e.getLevel() == Level.WARN)
        .hasSize(1)
        .allMatch(e -> e.getThrowableProxy() != null);
    assertThat(enqueueing)
        .filteredOn(e -> e.getLevel() == Level.INFO)
        .extracting(ILoggingEvent::getFormattedMessage)
        .singleElement()
        .satisfies(m -> assertThat(m).contains("works again after 100 failure(s)"));
    assertThat(appender.list).filteredOn(e -> e.getThrowableProxy() != null).hasSize(1);
  }
}
