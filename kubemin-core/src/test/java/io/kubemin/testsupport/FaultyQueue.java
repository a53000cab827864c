package io.kubemin.testsupport;

import io.kubemin.spi.Queue;
import io.kubemin.spi.QueueException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/** Fault injection for tests: a {@link Queue} whose next enqueues fail. */
public final class FaultyQueue {
  private final AtomicInteger failingEnqueues = new AtomicInteger();
  private final Queue proxy;

  private FaultyQueue(Queue target) {
    this.proxy =
        (Queue)
            Proxy.newProxyInstance(
                Queue.class.getClassLoader(),
                new Class<?>[] {Queue.class},
                (self, method, args) -> {
                  if (method.getName().equals("enqueue")
                      && failingEnqueues.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new QueueException("injected fault: the queue is unreachable");
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

  /** Makes the next {@code times} enqueues fail. */
  public FaultyQueue failEnqueues(int times) {
    failingEnqueues.set(times);
    return this;
  }
}
