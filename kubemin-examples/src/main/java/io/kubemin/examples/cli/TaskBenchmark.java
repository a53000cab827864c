package io.kubemin.examples.cli;

import io.kubemin.KubeMin;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.Properties;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.Job;
import io.kubemin.spi.JobContext;
import io.kubemin.spi.JobExecutor;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.JobOutcome;
import io.kubemin.spi.Providers;
import io.kubemin.spi.Queue;
import io.kubemin.workflow.Retention;
import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.WorkflowListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs single-job tasks through a fresh engine with an executor that does nothing, and measures
 * throughput and the latency from exec to the start of the task's first job. {@code concurrency}
 * clients each run their own application's tasks one after the other, so that many tasks are in
 * flight; a warm-up comes first so the JIT has compiled the hot paths.
 */
public final class TaskBenchmark {
  /** How long the warm-up runs before the measured run, unless told otherwise. */
  public static final java.time.Duration DEFAULT_WARMUP = java.time.Duration.ofSeconds(5);

  private static final int MAX_WARMUP_ROUND = 2_000;

  private final String storeUri;
  private final String queueUri;
  private final int tasks;
  private final int concurrency;
  private final int instances;
  private final ServerCounters counters;
  private Retention retention = Retention.keepAll();
  private java.time.Duration warmup = DEFAULT_WARMUP;
  private final Map<String, Long> firstJobStarts = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<TaskStatus>> endings = new ConcurrentHashMap<>();

  /**
   * @param storeUri the store to use ({@code memory}, {@code jdbc:…})
   * @param queueUri the queue to use ({@code memory}, {@code redis://…}, {@code kafka://…})
   * @param tasks tasks to measure
   * @param concurrency tasks in flight at once (clients, and the engine's concurrent task limit)
   */
  public TaskBenchmark(String storeUri, String queueUri, int tasks, int concurrency) {
    this(storeUri, queueUri, tasks, concurrency, 1);
  }

  /**
   * @param storeUri the store to use ({@code memory}, {@code jdbc:…})
   * @param queueUri the queue to use ({@code memory}, {@code redis://…}, {@code kafka://…})
   * @param tasks tasks to measure
   * @param concurrency tasks in flight at once (clients, and each instance's concurrent task limit)
   * @param instances engine instances in this JVM, each running every role; the first creates the
   *     tasks, any of them may run them
   */
  public TaskBenchmark(
      String storeUri, String queueUri, int tasks, int concurrency, int instances) {
    this.storeUri = Objects.requireNonNull(storeUri, "storeUri");
    this.queueUri = Objects.requireNonNull(queueUri, "queueUri");
    if (tasks < 1 || concurrency < 1 || instances < 1) {
      throw new IllegalArgumentException("tasks, concurrency and instances must be at least 1");
    }
    this.tasks = tasks;
    this.concurrency = concurrency;
    this.instances = instances;
    this.counters = new ServerCounters(storeUri);
  }

  /**
   * How long the engine keeps ended tasks (default: every one), so a long run shows whether the
   * store's memory stays bounded.
   *
   * @return this benchmark
   */
  public TaskBenchmark retention(Retention policy) {
    this.retention = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * How long the warm-up runs (rounds of up to 2,000 tasks, at least one) before the measured run,
   * so that the JIT compiler has compiled the hot paths: on two cores its compile threads otherwise
   * take one core for the first several seconds.
   *
   * @return this benchmark
   */
  public TaskBenchmark warmup(java.time.Duration duration) {
    this.warmup = Objects.requireNonNull(duration, "duration");
    return this;
  }

  /**
   * Runs the warm-up and the measured run.
   *
   * @throws IllegalStateException when a task does not complete
   */
  public Result run() throws InterruptedException {
    Deque<AutoCloseable> opened = new ArrayDeque<>();
    try {
      DataStore store = push(opened, Providers.openDataStore(storeUri));
      Queue queue = push(opened, Providers.openQueue(queueUri));
      KubeMin first = push(opened, engine(store, queue));
      first.start();
      for (int i = 1; i < instances; i++) {
        // Each instance has connections of its own, as separate processes would; in-memory
        // backends exist once per JVM, so the instances share them.
        DataStore own =
            isMemory(storeUri) ? store : push(opened, Providers.openDataStore(storeUri));
        Queue ownQueue = isMemory(queueUri) ? queue : push(opened, Providers.openQueue(queueUri));
        push(opened, engine(own, ownQueue)).start();
      }
      return measure(first);
    } finally {
      closeAll(opened);
    }
  }

  private Result measure(KubeMin kubemin) throws InterruptedException {
    List<String> apps = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      apps.add(kubemin.createApplication(application(i)).id());
    }
    JitWarmup warming = new JitWarmup(warmup);
    do {
      measure(kubemin, apps, Math.min(tasks, MAX_WARMUP_ROUND));
    } while (warming.another());
    double warmupSeconds = warming.seconds();
    firstJobStarts.clear();
    // Read before the clocks start: the reading opens a connection of its own.
    Map<String, Long> countersBefore = counters.read();
    long start = System.nanoTime();
    long cpuBefore = ProcessCpu.nanos();
    long compiledBefore = JitWarmup.compileMillis();
    long[] latencies = measure(kubemin, apps, tasks);
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuMillisPerTask = (ProcessCpu.nanos() - cpuBefore) / 1e6 / tasks;
    long compiledMillis = JitWarmup.compileMillisSince(compiledBefore);
    Map<String, Double> perTask = ServerCounters.perTask(countersBefore, counters.read(), tasks);
    Arrays.sort(latencies);
    return new Result(
        tasks,
        tasks / seconds,
        percentile(latencies, 0.50),
        percentile(latencies, 0.99),
        latencies[latencies.length - 1] / 1e6,
        Providers.typeOf(storeUri),
        Providers.typeOf(queueUri),
        instances,
        cpuMillisPerTask,
        perTask,
        warmupSeconds,
        compiledMillis);
  }

  private static boolean isMemory(String uri) {
    return Providers.typeOf(uri).equals("memory");
  }

  private static <T extends AutoCloseable> T push(Deque<AutoCloseable> opened, T resource) {
    opened.push(resource);
    return resource;
  }

  /** Closes the engines, then the stores and queues, newest first. */
  private static void closeAll(Deque<AutoCloseable> opened) {
    RuntimeException failure = null;
    for (AutoCloseable resource : opened) {
      try {
        resource.close();
      } catch (Exception e) {
        failure = failure == null ? new IllegalStateException("closing failed", e) : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private KubeMin engine(DataStore store, Queue queue) {
    return KubeMin.builder()
        .dataStore(store)
        .queue(queue)
        .jobExecutor(new NoopExecutor())
        .maxConcurrentTasks(concurrency)
        .retention(retention)
        .listener(
            new WorkflowListener() {
              @Override
              public void taskFinished(TaskEvent event) {
                ending(event.taskId()).complete(event.status());
              }
            })
        .build();
  }

  private long[] measure(KubeMin kubemin, List<String> apps, int count)
      throws InterruptedException {
    long[] latencies = new long[count];
    AtomicInteger next = new AtomicInteger();
    List<Callable<Void>> clients = new ArrayList<>();
    for (String appId : apps) {
      clients.add(
          () -> {
            client(kubemin, appId, next, latencies);
            return null;
          });
    }
    OnThreads.callAll(concurrency, clients);
    return latencies;
  }

  private void client(KubeMin kubemin, String appId, AtomicInteger next, long[] latencies) {
    for (int i = next.getAndIncrement(); i < latencies.length; i = next.getAndIncrement()) {
      long created = System.nanoTime();
      String taskId = kubemin.exec(appId);
      TaskStatus status = ending(taskId).join();
      endings.remove(taskId);
      if (status != TaskStatus.COMPLETED) {
        throw new IllegalStateException("task " + taskId + " ended " + status.jsonName());
      }
      latencies[i] = firstJobStarts.remove(taskId) - created;
    }
  }

  private CompletableFuture<TaskStatus> ending(String taskId) {
    return endings.computeIfAbsent(taskId, id -> new CompletableFuture<>());
  }

  private static Application application(int index) {
    Component config =
        Component.builder()
            .name("settings")
            .type("config")
            .properties(Properties.builder().conf(Map.of("mode", "bench")).build())
            .build();
    return Application.builder().name("bench-" + index).components(config).build();
  }

  /** The result as one line of text. */
  static String asText(Result r) {
    return String.format(
        java.util.Locale.ROOT,
        "tasks %d (store %s, queue %s%s): %.0f tasks/s; exec to first job p50 %.3f ms, p99 %.3f"
            + " ms, max %.3f ms; CPU %.3f ms per task; warm-up %.1f s, JIT %d ms while measured",
        r.tasks(),
        r.store(),
        r.queue(),
        r.instances() > 1 ? ", instances " + r.instances() : "",
        r.tasksPerSecond(),
        r.p50Millis(),
        r.p99Millis(),
        r.maxMillis(),
        r.cpuMillisPerTask(),
        r.warmupSeconds(),
        r.jitMillis());
  }

  /** The result as one JSON object. */
  static String asJson(Result r) {
    com.fasterxml.jackson.databind.node.ObjectNode node =
        new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    node.put("tasks", r.tasks());
    node.put("tasks_per_s", Math.round(r.tasksPerSecond()));
    com.fasterxml.jackson.databind.node.ObjectNode latency = node.putObject("latency_ms");
    latency.put("p50", millis(r.p50Millis()));
    latency.put("p99", millis(r.p99Millis()));
    latency.put("max", millis(r.maxMillis()));
    node.put("store", r.store());
    node.put("queue", r.queue());
    node.put("cpu_ms_per_task", millis(r.cpuMillisPerTask()));
    if (!r.perTask().isEmpty()) {
      com.fasterxml.jackson.databind.node.ObjectNode perTask = node.putObject("per_task");
      r.perTask().forEach(perTask::put);
    }
    node.put("warmup_s", Math.round(r.warmupSeconds() * 10) / 10.0);
    node.put("jit_ms", r.jitMillis());
    // The documented object has no "instances"; it appears only when the run used several.
    if (r.instances() > 1) {
      node.put("instances", r.instances());
    }
    return node.toString();
  }

  private static double millis(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  private static double percentile(long[] sorted, double fraction) {
    int index = (int) Math.ceil(fraction * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }

  /** Applies nothing; notes when each task's first job started. */
  private final class NoopExecutor implements JobExecutor {
    @Override
    public boolean supports(JobKind kind) {
      return true;
    }

    @Override
    public JobOutcome run(Job job, JobContext context) {
      firstJobStarts.putIfAbsent(job.taskId(), System.nanoTime());
      return JobOutcome.completed();
    }
  }

  /**
   * What the benchmark measured.
   *
   * @param tasks tasks measured
   * @param tasksPerSecond completed tasks per second
   * @param p50Millis median latency from exec to the first job's start
   * @param p99Millis 99th percentile of that latency
   * @param maxMillis its maximum
   * @param store the store's provider type
   * @param queue the queue's provider type
   * @param instances engine instances that ran the tasks
   * @param cpuMillisPerTask CPU time of this JVM (every thread: engine, clients, JIT, GC) during
   *     the measured run, per task
   * @param perTask the server's statements and fsyncs per task during the measured run
   *     (MariaDB/MySQL only, else empty; see {@link ServerCounters#perTask})
   * @param warmupSeconds how long the warm-up ran (see {@link JitWarmup})
   * @param jitMillis the JIT compiler's time during the measured run, -1 where the JVM does not
   *     keep it
   */
  public record Result(
      int tasks,
      double tasksPerSecond,
      double p50Millis,
      double p99Millis,
      double maxMillis,
      String store,
      String queue,
      int instances,
      double cpuMillisPerTask,
      Map<String, Double> perTask,
      double warmupSeconds,
      long jitMillis) {}
}
