package io.kubemin.testsupport;

import io.kubemin.spi.DataStore;
import io.kubemin.spi.DataStoreException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Fault injection for tests: a {@link DataStore} that delegates to another and fails or delays the
 * calls a test picks, by method, arguments or calling thread. Works for every SPI method, default
 * ones included, and for the calls made inside a transaction.
 *
 * <pre>{@code
 * FaultyStore faults = FaultyStore.over(new InMemoryDataStore());
 * faults.when(call -> call.is("insertJob")).failTimes(3);
 * KubeMin.builder().dataStore(faults.store())...
 * }</pre>
 */
public final class FaultyStore implements InvocationHandler {
  private final DataStore target;
  private final DataStore proxy;
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final AtomicInteger injected = new AtomicInteger();

  private FaultyStore(DataStore target) {
    this.target = target;
    this.proxy =
        (DataStore)
            Proxy.newProxyInstance(
                DataStore.class.getClassLoader(), new Class<?>[] {DataStore.class}, this);
  }

  /** A faulty view of {@code target}; no call fails until a rule says so. */
  public static FaultyStore over(DataStore target) {
    return new FaultyStore(target);
  }

  /** The store to hand to the code under test. */
  public DataStore store() {
    return proxy;
  }

  /** The store behind the faults (for the test's own reads). */
  public DataStore target() {
    return target;
  }

  /** A rule for the calls that match; it does nothing until told what to do. */
  public Rule when(Predicate<Call> which) {
    Rule rule = new Rule(which);
    rules.add(rule);
    return rule;
  }

  /** Removes every rule: the store works again. */
  public void heal() {
    rules.clear();
  }

  /** How many calls failed by a rule so far. */
  public int injected() {
    return injected.get();
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "equals" -> self == args[0];
        case "hashCode" -> System.identityHashCode(self);
        default -> "FaultyStore(" + target + ")";
      };
    }
    Call call =
        new Call(
            method.getName(),
            args == null ? List.of() : Arrays.asList(args),
            Thread.currentThread());
    for (Rule rule : rules) {
      rule.apply(call);
    }
    if (method.getName().equals("inTransaction")) {
      @SuppressWarnings("unchecked")
      Function<DataStore, Object> work = (Function<DataStore, Object>) args[0];
      return target.inTransaction(tx -> work.apply(proxy));
    }
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /**
   * One call to the store.
   *
   * @param method the SPI method's name
   * @param args its arguments
   * @param thread the calling thread
   */
  public record Call(String method, List<Object> args, Thread thread) {
    /** Whether the call is to the named method. */
    public boolean is(String name) {
      return method.equals(name);
    }

    /** Whether the calling thread's name starts with the prefix (engine threads are named). */
    public boolean onThread(String prefix) {
      return thread.getName().startsWith(prefix);
    }

    /** The argument at the index. */
    public Object arg(int index) {
      return args.get(index);
    }
  }

  /** What happens to the calls a rule matches. */
  public final class Rule {
    private final Predicate<Call> which;
    private volatile Supplier<? extends Throwable> failure;
    private final AtomicInteger timesLeft = new AtomicInteger(Integer.MAX_VALUE);
    private volatile Duration delay = Duration.ZERO;

    private Rule(Predicate<Call> which) {
      this.which = which;
    }

    /** Every matching call fails with a {@link DataStoreException}. */
    public Rule fail() {
      return failWith(() -> new DataStoreException("injected fault: the store is unreachable"));
    }

    /** The next {@code times} matching calls fail with a {@link DataStoreException}. */
    public Rule failTimes(int times) {
      timesLeft.set(times);
      return fail();
    }

    /** Every matching call throws what {@code failure} supplies (an Error, for example). */
    public Rule failWith(Supplier<? extends Throwable> supplier) {
      this.failure = supplier;
      return this;
    }

    /** Every matching call waits this long first. */
    public Rule delay(Duration duration) {
      this.delay = duration;
      return this;
    }

    /** Stops this rule. */
    public void remove() {
      rules.remove(this);
    }

    private void apply(Call call) throws Throwable {
      if (!which.test(call)) {
        return;
      }
      if (!delay.isZero()) {
        TimeUnit.NANOSECONDS.sleep(delay.toNanos());
      }
      Supplier<? extends Throwable> supplier = failure;
      if (supplier != null && timesLeft.getAndDecrement() > 0) {
        injected.incrementAndGet();
        throw supplier.get();
      }
    }
  }
}
