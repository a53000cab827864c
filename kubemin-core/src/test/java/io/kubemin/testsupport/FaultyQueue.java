package io.kubemin.testsupport;

import io.kubemin.spi.Queue;
import io.kubemin.spi.QueueException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Fault injection for tests: a {@link Queue} whose next enqueues or reads fail. */
public final class FaultyQueue {
  private final AtomicInteger failingEnqueues = new AtomicInteger();
  private final AtomicInteger failingReads = new AtomicInteger();
  private volatile Supplier<? extends Throwable> readFailure;
  private final Queue proxy;

  private FaultyQueue(Queue target) {
    this.proxy =
        (Queue)
            Proxy.newProxyInstance(
                Queue.class.getClassLoader(),
                new Class<?>[] {Queue.class},
                (self, method, args) -> {
                  if ((method.getName().equals("enqueue") || method.getName().equals("enqueueAll"))
                      && failingEnqueues.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new QueueException("injected fault: the queue is unreachable");
                  }
                  if (method.getName().equals("readGroup")
                      && failingReads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw readFailure.get();
                  }
                  try {
                    return method.invoke(target, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
  }

  /** A faulty view of {@code target}. */
  public static FaultyQueue over(Queue target) {
    return new FaultyQueue(target);
  }

  /** The queue to hand to the code under test. */
  public Queue queue() {
    return proxy;
  }

  /** Makes the next {@code times} group reads throw what {@code failure} supplies. */
  public FaultyQueue failReads(int times, Supplier<? extends Throwable> failure) {
    readFailure = failure;
    failingReads.set(times);
    return this;
  }

  /** Makes the next {@code times} enqueues fail. */
  public FaultyQueue failEnqueues(int times) {
    failingEnqueues.set(times);
    return this;
  }
}
