package io.kubemin.queue.kafka.internal;

import io.kubemin.spi.QueueException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for Kafka client futures, turning checked failures into {@link QueueException}. */
public final class KafkaFutures {
  private KafkaFutures() {}

  /**
   * The future's value.
   *
   * @param what the operation, for the error message
   * @throws QueueException when it fails, times out or the thread is interrupted (flag restored)
   */
  public static <T> T await(Future<T> future, Duration timeout, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QueueException("interrupted while waiting to " + what, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new QueueException("could not " + what + ": " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new QueueException("timed out after " + timeout + " waiting to " + what, e);
    }
  }
}
