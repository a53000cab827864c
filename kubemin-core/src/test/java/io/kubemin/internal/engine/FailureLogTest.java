package io.kubemin.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.kubemin.spi.DataStoreException;
import io.kubemin.spi.QueueException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FailureLogTest {
  private static final String KIND = "enqueueing tasks on instance a";

  private final AtomicLong nanos = new AtomicLong();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private FailureLog failures;

  @BeforeEach
  void captureLog() {
    Logger logger = (Logger) LoggerFactory.getLogger("failure-log-test-" + System.nanoTime());
    logger.setLevel(Level.DEBUG);
    logger.setAdditive(false);
    appender.start();
    logger.addAppender(appender);
    failures = new FailureLog(logger, nanos::get);
  }

  @Test
  void fiveHundredFailuresOfOneKindInAMinuteAreOneWarningWithOneStackTrace() {
    for (int i = 0; i < 500; i++) {
      failures.failed(KIND, "task " + i, new QueueException("redis down"));
      nanos.addAndGet(Duration.ofMillis(100).toNanos());
    }

    assertThat(warnings()).hasSize(1);
    assertThat(warnings().get(0).getFormattedMessage()).isEqualTo(KIND + " failed: task 0");
    assertThat(warnings().get(0).getThrowableProxy()).isNotNull();
    assertThat(failures.failing(KIND)).isTrue();
  }

  @Test
  void aKindThatKeepsFailingIsSummarisedOnceAMinuteWithItsCount() {
    for (int i = 0; i < 1300; i++) {
      failures.failed(KIND, "task " + i, new QueueException("redis down"));
      nanos.addAndGet(Duration.ofMillis(100).toNanos());
    }

    assertThat(warnings()).hasSize(3);
    assertThat(warnings().get(1).getFormattedMessage())
        .startsWith(KIND + " still failing: 601 failure(s) in 60 s, 600 since the last report");
    assertThat(warnings()).allMatch(e -> e.getThrowableProxy() != null);
  }

  @Test
  void aNewCauseIsReportedAtOnceAndTheRecoveryOnce() {
    failures.failed(KIND, "task 1", new QueueException("redis down"));
    failures.failed(KIND, "task 2", new QueueException("redis down"));
    failures.failed(KIND, "task 3", new DataStoreException("store down"));
    nanos.addAndGet(Duration.ofSeconds(5).toNanos());

    failures.succeeded(KIND);
    failures.succeeded(KIND);

    assertThat(warnings()).hasSize(2);
    assertThat(warnings().get(1).getThrowableProxy().getClassName())
        .isEqualTo(DataStoreException.class.getName());
    assertThat(appender.list)
        .filteredOn(e -> e.getLevel() == Level.INFO)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly(KIND + " works again after 3 failure(s) in 5 s");
    assertThat(failures.failing(KIND)).isFalse();
  }

  @Test
  void successesWithoutFailuresLogNothing() {
    failures.succeeded(KIND);

    assertThat(appender.list).isEmpty();
  }

  private java.util.List<ILoggingEvent> warnings() {
    return appender.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
  }
}
