package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.web;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.kubemin.model.Component;
import io.kubemin.model.Properties;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.workflow.Task;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every engine log line of a task names it (MDC), and none shows a secret value. */
class EngineLogContextTest {
  private static final String SECRET_VALUE = "s3cr3t-value-that-must-not-be-logged";

  private final Logger kubeminLogger = (Logger) LoggerFactory.getLogger("io.kubemin");
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private Level levelBefore;

  @BeforeEach
  void capture() {
    levelBefore = kubeminLogger.getLevel();
    kubeminLogger.setLevel(Level.DEBUG);
    captured.start();
    kubeminLogger.addAppender(captured);
  }

  @AfterEach
  void release() {
    kubeminLogger.detachAppender(captured);
    kubeminLogger.setLevel(levelBefore);
  }

  @Test
  void engineLinesOfATaskCarryItsAppTaskAndAttemptAndNoSecretValue() throws InterruptedException {
    RecordingJobExecutor executor = new RecordingJobExecutor().fail("creds", "apply refused");
    Component secret =
        Component.builder()
            .name("creds")
            .type("secret")
            .properties(Properties.builder().secret(Map.of("password", SECRET_VALUE)).build())
            .build();
    Task task;
    try (KubeMin kubemin = KubeMin.builder().jobExecutor(executor).build()) {
      kubemin.start();
      String appId = kubemin.createApplication(app("shop", List.of(secret, web("web")))).id();
      task = kubemin.awaitTask(kubemin.exec(appId), Duration.ofSeconds(30));
    }

    List<ILoggingEvent> taskLines =
        captured.list.stream()
            .filter(e -> e.getLoggerName().startsWith("io.kubemin.internal.engine"))
            .filter(e -> task.id().equals(e.getMDCPropertyMap().get("kubemin.task")))
            .toList();
    assertThat(taskLines).isNotEmpty();
    assertThat(taskLines)
        .allSatisfy(
            e -> {
              assertThat(e.getMDCPropertyMap()).containsEntry("kubemin.app", task.appId());
              assertThat(e.getMDCPropertyMap()).containsEntry("kubemin.attempt", "1");
            });
    assertThat(captured.list)
        .allSatisfy(
            e ->
                assertThat(
                        e.getFormattedMessage()
                            + (e.getThrowableProxy() == null
                                ? ""
                                : ThrowableProxyUtil.asString(e.getThrowableProxy())))
                    .doesNotContain(SECRET_VALUE));
  }

  @Test
  void withTracingOnTheLinesOfATaskCarryItsTraceIdAndNoSpanCarriesASecret()
      throws InterruptedException {
    RecordingJobExecutor executor = new RecordingJobExecutor().fail("web-fails", "apply refused");
    Task task;
    try (io.kubemin.testsupport.TraceRecorder traces = new io.kubemin.testsupport.TraceRecorder();
        KubeMin kubemin =
            KubeMin.builder().jobExecutor(executor).tracing(traces.tracing()).build()) {
      kubemin.start();
      Component secret =
          Component.builder()
              .name("creds")
              .type("secret")
              .properties(Properties.builder().secret(Map.of("password", SECRET_VALUE)).build())
              .build();
      String appId = kubemin.createApplication(app("shop", List.of(secret, web("web-fails")))).id();
      task = kubemin.awaitTask(kubemin.exec(appId), Duration.ofSeconds(30));
      String traceId =
          traces.await(s -> s.getName().equals("kubemin.task")).getSpanContext().getTraceId();

      List<ILoggingEvent> taskLines =
          captured.list.stream()
              .filter(e -> e.getLoggerName().startsWith("io.kubemin.internal.engine"))
              .filter(e -> task.id().equals(e.getMDCPropertyMap().get("kubemin.task")))
              .toList();
      assertThat(taskLines).isNotEmpty();
      assertThat(taskLines)
          .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry("trace_id", traceId));
      assertThat(traces.spans())
          .as("no span carries a secret value")
          .allSatisfy(span -> assertThat(span.toString()).doesNotContain(SECRET_VALUE));
    }
  }
}
