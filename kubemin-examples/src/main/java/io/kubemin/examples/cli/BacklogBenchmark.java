package io.kubemin.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.WorkflowListener;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The backlog benchmark, with the protocol job schedulers are compared with: N applications with
 * one single-job task each are created (untimed), the N execs (from {@code concurrency} threads)
 * are timed on their own while no engine runs, then the engine starts and drains the backlog with
 * {@code concurrency} task threads. It reports the drain rate (first job start to last durable
 * completion), the latency from exec to the job's start and, on MariaDB or MySQL, the server's
 * statements and fsyncs per task during the drain (deltas of {@code SHOW GLOBAL STATUS}, which
 * count every client of the server).
 */
public final class BacklogBenchmark {
  /** The dispatcher's poll interval during the benchmark. */
  public static final Duration DISPATCH_POLL = Duration.ofMillis(50);

  /** How long warm-up backlogs run before the measured one, unless told otherwise. */
  public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(5);

  private static final int WARMUP_TASKS = 1000;

  private final String storeUri;
  private final String queueUri;
  private final int backlog;
  private final int concurrency;
  private final ServerCounters counters;
  private Duration warmup = DEFAULT_WARMUP;

  /**
   * @param storeUri the store ({@code memory}, {@code jdbc:…})
   * @param queueUri the queue ({@code memory}, {@code redis://…}, {@code kafka://…})
   * @param backlog tasks in the backlog
   * @param concurrency the engine's task threads ({@code maxConcurrentTasks})
   */
  public BacklogBenchmark(String storeUri, String queueUri, int backlog, int concurrency) {
    this.storeUri = Objects.requireNonNull(storeUri, "storeUri");
    this.queueUri = Objects.requireNonNull(queueUri, "queueUri");
    if (backlog < 1 || concurrency < 1) {
      throw new IllegalArgumentException("backlog and concurrency must be at least 1");
    }
    this.backlog = backlog;
    this.concurrency = concurrency;
    this.counters = new ServerCounters(storeUri);
  }

  /**
   * How long warm-up backlogs (up to 1,000 tasks each, at least one) run before the measured one,
   * so that the JIT compiler has compiled the hot paths: on two cores its compile threads otherwise
   * take one core for the first several seconds.
   *
   * @return this benchmark
   */
  public BacklogBenchmark warmup(Duration duration) {
    this.warmup = Objects.requireNonNull(duration, "duration");
    return this;
  }

  /**
   * Runs the warm-up backlogs, then the measured one, on one store (each on a queue client of its
   * own).
   *
   * @throws IllegalStateException when a task does not complete
   */
  public Result run() throws InterruptedException {
    try (DataStore store = Providers.openDataStore(storeUri)) {
      JitWarmup warming = new JitWarmup(warmup);
      // Every other warm-up backlog execs the same applications again (each has no active task
      // once its backlog drained): without their creation a round is short, so the per-task code
      // runs often enough to be compiled before the measured backlog, as in a long-running engine.
      // The rounds between create theirs, as the measured one does: an exec of an application
      // this instance wrote takes paths of its own (its task starts from what was written), and
      // compiling them during the measured backlog took up to half a second of CPU.
      List<String> warmupApps = null;
      boolean createApps = false;
      do {
        List<String> drained =
            drain(store, Math.min(backlog, WARMUP_TASKS), createApps ? null : warmupApps, 0).apps();
        if (warmupApps == null) {
          warmupApps = drained;
        }
        createApps = !createApps;
      } while (warming.another());
      return drain(store, backlog, null, warming.seconds()).result();
    }
  }

  /**
   * One backlog through a fresh engine on a queue client of its own, as a new process would have: a
   * Kafka consumer left in the group by an earlier engine would hold partitions it never reads.
   */
  private Drained drain(DataStore store, int count, List<String> existingApps, double warmupSeconds)
      throws InterruptedException {
    try (Queue queue = Providers.openQueue(queueUri)) {
      return drain(store, queue, count, existingApps, warmupSeconds);
    }
  }

  /** A drained backlog: its result and its applications. */
  private record Drained(Result result, List<String> apps) {}

  private Drained drain(
      DataStore store, Queue queue, int count, List<String> existingApps, double warmupSeconds)
      throws InterruptedException {
    Run run = new Run(count, warmupSeconds);
    try (KubeMin kubemin = engine(store, queue, run)) {
      List<String> apps = existingApps != null ? existingApps : createApplications(kubemin, count);
      long execStart = System.nanoTime();
      execAll(kubemin, apps, run);
      double execSeconds = (System.nanoTime() - execStart) / 1e9;
      Map<String, Long> before = counters.read();
      long cpuBefore = ProcessCpu.nanos();
      long compiledBefore = JitWarmup.compileMillis();
      kubemin.start();
      if (!run.finished.await(Math.max(120, count / 10), TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            run.finished.getCount() + " of " + count + " tasks did not end in time");
      }
      long cpuNanos = ProcessCpu.nanos() - cpuBefore;
      long compiledMillis = JitWarmup.compileMillisSince(compiledBefore);
      Map<String, Long> after = counters.read();
      if (run.failed.get() > 0) {
        throw new IllegalStateException(run.failed.get() + " task(s) did not complete");
      }
      return new Drained(
          run.result(
              execSeconds,
              ServerCounters.perTask(before, after, count),
              cpuNanos / 1e6 / count,
              compiledMillis),
          apps);
    }
  }

  private KubeMin engine(DataStore store, Queue queue, Run run) {
    return KubeMin.builder()
        .dataStore(store)
        .queue(queue)
        .jobExecutor(new NoopExecutor(run))
        .maxConcurrentTasks(concurrency)
        .dispatchPollInterval(DISPATCH_POLL)
        .listener(run)
        .build();
  }

  /**
   * The execs, from {@code concurrency} threads at once, as that many API callers would send them:
   * concurrent execs share the store's transactions.
   */
  private void execAll(KubeMin kubemin, List<String> apps, Run run) throws InterruptedException {
    List<Callable<String>> execs = new ArrayList<>();
    for (String appId : apps) {
      execs.add(
          () -> {
            String taskId = kubemin.exec(appId);
            run.execDone.put(taskId, System.nanoTime());
            return taskId;
          });
    }
    OnThreads.callAll(Math.min(concurrency, apps.size()), execs);
  }

  private List<String> createApplications(KubeMin kubemin, int count) throws InterruptedException {
    String prefix = "backlog-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    List<Callable<String>> creates = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Application app = application(prefix + "-" + i);
      creates.add(() -> kubemin.createApplication(app).id());
    }
    return OnThreads.callAll(Math.min(8, concurrency), creates);
  }

  private static Application application(String name) {
    Component config =
        Component.builder()
            .name("settings")
            .type("config")
            .properties(Properties.builder().conf(Map.of("mode", "bench")).build())
            .build();
    return Application.builder().name(name).components(config).build();
  }

  /** What one drain observed. */
  private final class Run implements WorkflowListener {
    final int count;
    final double warmupSeconds;
    final Map<String, Long> execDone = new ConcurrentHashMap<>();
    final Map<String, Long> jobStarts = new ConcurrentHashMap<>();
    final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);
    final AtomicLong failed = new AtomicLong();
    final CountDownLatch finished;

    Run(int count, double warmupSeconds) {
      this.count = count;
      this.warmupSeconds = warmupSeconds;
      this.finished = new CountDownLatch(count);
    }

    void jobStarted(String taskId) {
      long now = System.nanoTime();
      jobStarts.putIfAbsent(taskId, now);
      firstStart.accumulateAndGet(now, Math::min);
    }

    @Override
    public void taskFinished(TaskEvent event) {
      lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
      if (event.status() != TaskStatus.COMPLETED) {
        failed.incrementAndGet();
      }
      finished.countDown();
    }

    Result result(
        double execSeconds,
        Map<String, Double> perTask,
        double cpuMillisPerTask,
        long compiledMillis) {
      long[] latencies = new long[count];
      int i = 0;
      for (Map.Entry<String, Long> exec : execDone.entrySet()) {
        Long start = jobStarts.get(exec.getKey());
        latencies[i++] = start == null ? 0 : start - exec.getValue();
      }
      Arrays.sort(latencies);
      double drainSeconds = Math.max(1e-9, (lastEnd.get() - firstStart.get()) / 1e9);
      return new Result(
          count,
          concurrency,
          Providers.typeOf(storeUri),
          Providers.typeOf(queueUri),
          count / execSeconds,
          drainSeconds,
          count / drainSeconds,
          percentile(latencies, 0.50),
          percentile(latencies, 0.99),
          latencies[latencies.length - 1] / 1e6,
          perTask,
          cpuMillisPerTask,
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          warmupSeconds,
          compiledMillis);
    }
  }

  private static double percentile(long[] sorted, double fraction) {
    int index = (int) Math.ceil(fraction * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }

  private static double round(double value, int scale) {
    return Math.round(value * scale) / (double) scale;
  }

  /** The result as one line of text. */
  static String asText(Result r) {
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "backlog %d (store %s, queue %s, concurrency %d): drain %.0f tasks/s in %.2f s;"
                    + " exec to job start p50 %.1f ms, p99 %.1f ms, max %.1f ms; execs %.0f/s",
                r.backlog(),
                r.store(),
                r.queue(),
                r.concurrency(),
                r.tasksPerSecond(),
                r.drainSeconds(),
                r.p50Millis(),
                r.p99Millis(),
                r.maxMillis(),
                r.execsPerSecond()));
    if (!r.perTask().isEmpty()) {
      text.append("; per task ").append(r.perTask());
    }
    text.append(String.format(Locale.ROOT, "; engine CPU %.3f ms per task", r.cpuMillisPerTask()));
    text.append(String.format(Locale.ROOT, "; load %.2f", r.loadAverage()));
    return text.append(
            String.format(
                Locale.ROOT,
                "; warm-up %.1f s, JIT %d ms while measured",
                r.warmupSeconds(),
                r.jitMillis()))
        .toString();
  }

  /** The result as one JSON object. */
  static String asJson(Result r) {
    ObjectNode node = new ObjectMapper().createObjectNode();
    node.put("backlog", r.backlog());
    node.put("concurrency", r.concurrency());
    node.put("store", r.store());
    node.put("queue", r.queue());
    node.put("execs_per_s", Math.round(r.execsPerSecond()));
    node.put("drain_s", round(r.drainSeconds(), 1000));
    node.put("tasks_per_s", Math.round(r.tasksPerSecond()));
    ObjectNode latency = node.putObject("latency_ms");
    latency.put("p50", round(r.p50Millis(), 10));
    latency.put("p99", round(r.p99Millis(), 10));
    latency.put("max", round(r.maxMillis(), 10));
    if (!r.perTask().isEmpty()) {
      ObjectNode perTask = node.putObject("per_task");
      r.perTask().forEach(perTask::put);
    }
    node.put("cpu_ms_per_task", round(r.cpuMillisPerTask(), 1000));
    node.put("load_avg", round(r.loadAverage(), 100));
    node.put("warmup_s", round(r.warmupSeconds(), 10));
    node.put("jit_ms", r.jitMillis());
    return node.toString();
  }

  /**
   * What the backlog benchmark measured.
   *
   * @param backlog tasks drained
   * @param concurrency task threads
   * @param store the store's provider type
   * @param queue the queue's provider type
   * @param execsPerSecond execs per second while the engine was stopped
   * @param drainSeconds first job start to last durable completion
   * @param tasksPerSecond backlog / drainSeconds
   * @param p50Millis median latency from exec to the job's start
   * @param p99Millis its 99th percentile
   * @param maxMillis its maximum
   * @param perTask server counters per task during the drain (MariaDB/MySQL only, else empty)
   * @param cpuMillisPerTask CPU time of this JVM (every thread: engine, JIT, GC) during the drain,
   *     per task
   * @param loadAverage the machine's one-minute load average at the end
   * @param warmupSeconds how long the warm-up backlogs ran (see {@link JitWarmup})
   * @param jitMillis the JIT compiler's time during the drain, -1 where the JVM does not keep it
   */
  public record Result(
      int backlog,
      int concurrency,
      String store,
      String queue,
      double execsPerSecond,
      double drainSeconds,
      double tasksPerSecond,
      double p50Millis,
      double p99Millis,
      double maxMillis,
      Map<String, Double> perTask,
      double cpuMillisPerTask,
      double loadAverage,
      double warmupSeconds,
      long jitMillis) {}

  /** Applies nothing; notes when each task's job started. */
  private static final class NoopExecutor implements JobExecutor {
    private final Run run;

    NoopExecutor(Run run) {
      this.run = run;
    }

    @Override
    public boolean supports(JobKind kind) {
      return true;
    }

    @Override
    public JobOutcome run(Job job, JobContext context) {
      run.jobStarted(job.taskId());
      return JobOutcome.completed();
    }
  }
}
