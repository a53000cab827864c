package io.kubemin.k8s.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/** One wait for one object: re-judged on every informer event until it settles. */
final class Waiter {
  private final Function<HasMetadata, Verdict> judge;
  private final Consumer<String> progress;
  private final CompletableFuture<Verdict> settled = new CompletableFuture<>();
  private String lastMessage;
  private HasMetadata lastObject;

  Waiter(Function<HasMetadata, Verdict> judge, Consumer<String> progress) {
    this.judge = judge;
    this.progress = progress;
  }

  /** Judges the object's latest state (null: not seen yet). */
  synchronized void observe(HasMetadata object) {
    if (settled.isDone()) {
      return;
    }
    lastObject = object;
    Verdict verdict =
        object == null ? Verdict.waiting("waiting for the object to appear") : judge.apply(object);
    if (verdict.settled()) {
      settled.complete(verdict);
    } else if (!Objects.equals(verdict.message(), lastMessage)) {
      lastMessage = verdict.message();
      progress.accept(verdict.message());
    }
  }

  /**
   * Judges the latest state again: something the judgement reads besides the object changed (a
   * claim's storage class, say).
   */
  synchronized void rejudge() {
    if (lastObject != null) {
      observe(lastObject);
    }
  }

  /** The object was deleted while awaited. */
  void deleted() {
    settled.complete(Verdict.failed("deleted while waiting for it to become ready"));
  }

  /** What is awaited now, or null. */
  synchronized String lastMessage() {
    return lastMessage;
  }

  Verdict await(Duration timeout) throws InterruptedException, TimeoutException {
    try {
      return settled.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a waiter never completes exceptionally", e);
    }
  }
}
