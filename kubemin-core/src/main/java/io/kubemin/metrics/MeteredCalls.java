package io.kubemin.metrics;

import io.kubemin.spi.QueueMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * Times every call of a store or queue interface by operation and outcome. A proxy, so that a
 * method added to the interface is measured without a change here.
 */
final class MeteredCalls implements InvocationHandler {
  private final Object target;
  private final MeterRegistry registry;
  private final String timerName;
  private final String component;
  private final LeaseMeters leases;

  private MeteredCalls(Object target, MeterRegistry registry, String timerName, String component) {
    this.target = target;
    this.registry = registry;
    this.timerName = timerName;
    this.component = component;
    this.leases = component.equals("store") ? new LeaseMeters(registry) : null;
  }

  static <T> T wrap(
      Class<T> type, T target, MeterRegistry registry, String timerName, String component) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            new MeteredCalls(target, registry, timerName, component)));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        case "toString" -> "metered " + target;
        default -> method.invoke(target, args);
      };
    }
    long start = System.nanoTime();
    String outcome = "success";
    try {
      Object result = method.invoke(target, args);
      observe(method.getName(), result);
      if (leases != null) {
        try {
          observeLeases(method.getName(), args, result);
        } catch (RuntimeException e) {
          // A call the lease meters do not understand (odd arguments) is simply not counted.
        }
      }
      return result;
    } catch (InvocationTargetException e) {
      outcome = "error";
      throw e.getCause();
    } finally {
      Timer.builder(timerName)
          .tag("operation", method.getName())
          .tag("outcome", outcome)
          .register(registry)
          .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
  }

  /** What the result says beyond its duration: lost conditional writes, redelivered messages. */
  private void observe(String operation, Object result) {
    if (result instanceof Boolean matched && operation.equals("compareAndSet") && !matched) {
      lostWrites(operation).increment();
    } else if (operation.equals("writeBatch") && result instanceof List<?> matched) {
      long lost = matched.stream().filter(Boolean.FALSE::equals).count();
      if (lost > 0) {
        lostWrites(operation).increment(lost);
      }
    } else if (result instanceof List<?> messages && component.equals("queue")) {
      long redelivered =
          messages.stream()
              .filter(m -> m instanceof QueueMessage message && message.deliveries() > 1)
              .count();
      if (redelivered > 0) {
        Counter.builder("kubemin.queue.redeliveries")
            .tag("operation", operation)
            .register(registry)
            .increment(redelivered);
      }
    }
  }

  private void observeLeases(String operation, Object[] args, Object result) {
    switch (operation) {
      case "listExpiredLeases" -> leases.listed((List<?>) result);
      case "compareAndSet" -> {
        if (args[1] == null || args[3] == null) {
          return;
        }
        leases.written(
            new io.kubemin.spi.TaskChange(
                (io.kubemin.workflow.TaskStatus) args[1],
                (Integer) args[2],
                (io.kubemin.workflow.Task) args[3]),
            Boolean.TRUE.equals(result));
      }
      case "writeBatch" -> {
        List<?> changes = (List<?>) args[0];
        List<?> matched = (List<?>) result;
        for (int i = 0; i < changes.size() && i < matched.size(); i++) {
          leases.written(
              (io.kubemin.spi.TaskChange) changes.get(i), Boolean.TRUE.equals(matched.get(i)));
        }
      }
      default -> {
        // other calls change no lease
      }
    }
  }

  private Counter lostWrites(String operation) {
    return Counter.builder("kubemin.store.conditional_writes.lost")
        .tag("operation", operation)
        .register(registry);
  }
}
