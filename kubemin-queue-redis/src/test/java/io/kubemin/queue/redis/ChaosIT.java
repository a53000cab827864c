package io.kubemin.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubemin.KubeMin;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.Properties;
import io.kubemin.spi.Role;
import io.kubemin.store.mysql.MySqlDataStore;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.testsupport.ExternalServices;
import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.JobStatus;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The chaos test (Maven profile {@code chaos}, run by {@code .ci/run}): three engine processes and
 * a client on a private MariaDB and a private Redis (the shared servers are never touched; the
 * journal of what happened lives on the shared Redis under keys of the test's own). Four faults,
 * one after the other, each while a batch of tasks of four jobs runs: kill -9 of a worker, MariaDB
 * stopped for 10 s, Redis restarted empty, kill -9 of the leader. Asserts that no task is lost,
 * stuck or finished twice, that no job record is missing and that no task's jobs ran on two
 * processes at once; prints the recovery time after each fault.
 */
class ChaosIT {
  private static final int BATCH = 150;
  private static final int APPS = 20;
  private static final int JOBS_PER_TASK = 4;
  private static final Duration JOB_TIME = Duration.ofMillis(200);
  private static final Duration LEASE = Duration.ofSeconds(5);
  private static final Duration CLAIM_IDLE = Duration.ofSeconds(1);
  private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(150);
  private static final Path LOGS = Path.of("target", "chaos");

  private final Map<String, ChildJvm> nodes = new LinkedHashMap<>();
  private final Set<String> killed = new HashSet<>();
  private final Map<String, Long> killedAtMillis = new LinkedHashMap<>();
  private final List<String> report = new ArrayList<>();
  private Journal journal;
  private KubeMin client;
  private String jdbcUrl;
  private ChaosNode.Config config;
  private int nextNode = 1;
  private String lastVictim;
  private long lastKillMillis;

  @Test
  void faultsOneAfterAnotherLoseNothing() throws Exception {
    Assumptions.assumeTrue(
        "true".equals(System.getProperty("kubemin.chaos")),
        "the chaos test runs in its own profile: mvn -Pchaos -pl kubemin-queue-redis -am verify");
    ExternalServices.assumeRedis(); // the journal
    Files.createDirectories(LOGS);
    String prefix = "kubemin-chaos-" + UUID.randomUUID().toString().substring(0, 8);
    long started = System.nanoTime();
    try (PrivateMariaDb mariadb = PrivateMariaDb.start();
        PrivateRedis redis = PrivateRedis.start()) {
      journal = new Journal(prefix);
      jdbcUrl = mariadb.createDatabase("kubemin_chaos");
      config =
          new ChaosNode.Config("-", prefix, jdbcUrl, redis.port(), JOB_TIME, LEASE, CLAIM_IDLE);
      try (MySqlDataStore store = MySqlDataStore.open(jdbcUrl);
          RedisQueue queue = new RedisQueue(config.queueSettings())) {
        client =
            KubeMin.builder()
                .instanceId("client")
                .roles(Role.API)
                .dataStore(store)
                .queue(queue)
                .jobExecutor(new RecordingJobExecutor())
                .maxActiveTasksPerApp(0)
                .build();
        client.start();
        List<String> apps = new ArrayList<>();
        for (int i = 0; i < APPS; i++) {
          apps.add(client.createApplication(application(i)).id());
        }
        for (int i = 0; i < 3; i++) {
          startNode();
        }
        nodes.values().forEach(ChildJvm::awaitStarted);
        List<String> all = new ArrayList<>();

        all.addAll(phase(apps, "kill -9 of a worker", this::killWorker));
        all.addAll(phase(apps, "MariaDB stopped for 10 s", () -> stopMariaDb(mariadb)));
        all.addAll(phase(apps, "Redis restarted empty", () -> restartRedis(redis)));
        all.addAll(phase(apps, "kill -9 of the leader", this::killLeader));

        verify(store, all);
        client.close();
      } finally {
        for (ChildJvm node : nodes.values()) {
          node.stop();
        }
        if (journal != null) {
          Files.write(
              LOGS.resolve("journal.txt"),
              journal.events().stream().map(Object::toString).toList());
          journal.delete();
          journal.close();
        }
      }
    }
    note("chaos: total " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s");
    Files.write(LOGS.resolve("report.txt"), report);
  }

  /** A fault; returns the moment recovery is measured from (epoch millis). */
  private interface Fault {
    long inject() throws Exception;
  }

  private List<String> phase(List<String> apps, String name, Fault fault) throws Exception {
    List<String> batch =
        IntStream.range(0, BATCH).mapToObj(i -> client.exec(apps.get(i % apps.size()))).toList();
    Set<String> ids = new HashSet<>(batch);
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> finished(ids) >= BATCH / 8);
    int before = journal.events().size();
    lastVictim = null;
    long from = fault.inject();
    long firstStart = awaitFirst(Journal.JOB_STARTED, ids, before, from);
    long firstEnd = awaitFirst(Journal.TASK_FINISHED, ids, before, from);
    awaitAllEnded(batch);
    long allDone = System.currentTimeMillis() - from;
    note(
        String.format(
            "chaos: %-26s first job started %5d ms, first task finished %5d ms, batch of %d done"
                + " %6d ms after the fault%s",
            name, firstStart, firstEnd, BATCH, allDone, lastVictim == null ? "" : resumed()));
    return batch;
  }

  /** How long the tasks whose job the killed process was running took to run again. */
  private String resumed() {
    List<Journal.Event> events = journal.events();
    int killSequence =
        events.stream()
            .filter(e -> e.kind().equals(Journal.KILLED) && e.instance().equals(lastVictim))
            .mapToInt(Journal.Event::sequence)
            .max()
            .orElseThrow();
    List<String> cut = new JobRuns(events).cutShort(lastVictim, killSequence);
    long latest = 0;
    for (String taskId : cut) {
      long at =
          events.stream()
              .skip(killSequence)
              .filter(e -> e.kind().equals(Journal.JOB_STARTED) && e.taskId().equals(taskId))
              .mapToLong(Journal.Event::millis)
              .findFirst()
              .orElse(Long.MAX_VALUE);
      latest = Math.max(latest, at - lastKillMillis);
    }
    return String.format("; its %d cut-short tasks ran again within %d ms", cut.size(), latest);
  }

  private void note(String line) {
    report.add(line);
    System.out.println(line);
  }

  private long awaitFirst(String kind, Set<String> ids, int fromSequence, long sinceMillis) {
    long[] at = new long[1];
    await()
        .atMost(BATCH_TIMEOUT)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                journal.events().stream()
                    .skip(fromSequence)
                    .filter(e -> e.kind().equals(kind) && ids.contains(e.taskId()))
                    .filter(e -> e.millis() >= sinceMillis)
                    .findFirst()
                    .map(e -> at[0] = e.millis())
                    .isPresent());
    return at[0] - sinceMillis;
  }

  private long finished(Set<String> ids) {
    return journal.events().stream()
        .filter(e -> e.kind().equals(Journal.TASK_FINISHED) && ids.contains(e.taskId()))
        .count();
  }

  private void awaitAllEnded(List<String> batch) {
    await()
        .atMost(BATCH_TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> batch.stream().allMatch(id -> client.task(id).status().terminal()));
  }

  private long killWorker() throws Exception {
    String leader = leader();
    String victim =
        nodes.keySet().stream()
            .filter(id -> !killed.contains(id) && !id.equals(leader))
            .findFirst()
            .orElseThrow();
    return kill(victim);
  }

  private long killLeader() throws Exception {
    await().atMost(LEASE.multipliedBy(3)).until(() -> leader() != null);
    String victim = leader();
    long at = kill(victim);
    await()
        .atMost(LEASE.multipliedBy(3))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              String now = leader();
              return now != null && !now.equals(victim);
            });
    note(
        "chaos: leader "
            + victim
            + " killed; "
            + leader()
            + " leads "
            + (System.currentTimeMillis() - at)
            + " ms later");
    return at;
  }

  private long kill(String victim) throws Exception {
    nodes.get(victim).kill();
    long at = System.currentTimeMillis();
    killed.add(victim);
    killedAtMillis.put(victim, at);
    journal.add(Journal.KILLED, "-", 0, victim);
    lastVictim = victim;
    lastKillMillis = at;
    startNode(); // back to three processes
    return at;
  }

  private long stopMariaDb(PrivateMariaDb mariadb) throws Exception {
    mariadb.stop();
    Thread.sleep(10_000);
    mariadb.restart();
    return System.currentTimeMillis();
  }

  private long restartRedis(PrivateRedis redis) throws Exception {
    redis.stop();
    redis.restart();
    return System.currentTimeMillis();
  }

  private void startNode() throws IOException {
    String id = "node-" + nextNode++;
    ChildJvm node = ChildJvm.start(config.instance(id));
    nodes.put(id, node);
    if (nextNode > 4) {
      node.awaitStarted();
    }
  }

  /** The current holder of the dispatcher's lease row, or null when none holds it. */
  private String leader() throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT holder, lease_until FROM min_leases WHERE name = 'kubemin-dispatcher'")) {
      if (!rs.next()) {
        return null;
      }
      LocalDateTime until = rs.getObject("lease_until", LocalDateTime.class);
      return until.toInstant(ZoneOffset.UTC).isAfter(java.time.Instant.now())
          ? rs.getString("holder")
          : null;
    }
  }

  private void verify(MySqlDataStore store, List<String> taskIds) throws Exception {
    List<Task> tasks = taskIds.stream().map(client::task).toList();
    List<Journal.Event> events = journal.events();
    JobRuns runs = new JobRuns(events);
    Map<String, Integer> finished = runs.finishedCounts();

    List<String> notCompleted =
        tasks.stream()
            .filter(t -> t.status() != TaskStatus.COMPLETED)
            .map(t -> t.id() + " " + t.status() + " " + t.error())
            .toList();
    List<String> twice =
        finished.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    // A process killed after its final write and before its listener ran sends no event.
    List<String> silent =
        tasks.stream()
            .filter(t -> !finished.containsKey(t.id()))
            .filter(
                t ->
                    !killed.contains(t.owner())
                        || t.finishedAt().toEpochMilli() > killedAtMillis.get(t.owner()))
            .map(Task::id)
            .toList();
    List<String> missingJobs = new ArrayList<>();
    for (Task task : tasks) {
      Set<String> done =
          store.listJobs(task.id()).stream()
              .filter(j -> j.status() == JobStatus.COMPLETED)
              .map(JobRecord::name)
              .collect(Collectors.toSet());
      if (done.size() != JOBS_PER_TASK) {
        missingJobs.add(task.id() + " has " + done.size() + " completed job records");
      }
    }
    List<String> overlapping = runs.concurrentRuns();
    note(
        String.format(
            "chaos: %d tasks: %d not completed (lost or stuck), %d finished twice, %d without"
                + " their finished event, %d with missing job records, %d overlapping job runs",
            tasks.size(),
            notCompleted.size(),
            twice.size(),
            silent.size(),
            missingJobs.size(),
            overlapping.size()));
    Files.write(
        LOGS.resolve("findings.txt"),
        java.util.stream.Stream.of(notCompleted, twice, silent, missingJobs, overlapping)
            .flatMap(List::stream)
            .toList());
    assertThat(tasks).hasSize(4 * BATCH);
    assertThat(notCompleted).as("tasks lost or stuck").isEmpty();
    assertThat(twice).as("tasks finished twice").isEmpty();
    // Not asserted: a final write whose commit reached the database just before it stopped, but
    // whose answer was lost, leaves the task completed with no taskFinished event (the engine does
    // not read the task back after a failed final write). Reported above.
    assertThat(missingJobs).as("tasks with missing job records").isEmpty();
    assertThat(overlapping).as("a task's jobs ran on two processes at once").isEmpty();
  }

  private static Application application(int index) {
    List<Component> components = new ArrayList<>();
    for (int c = 0; c < JOBS_PER_TASK; c++) {
      components.add(
          Component.builder()
              .name("settings-" + c)
              .type("config")
              .properties(Properties.builder().conf(Map.of("index", index + "-" + c)).build())
              .build());
    }
    return Application.builder().name("chaos-" + index).components(components).build();
  }

  /** A {@link ChaosNode} in a child JVM, logging to a file. */
  private static final class ChildJvm {
    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
      this.process = process;
      this.log = log;
    }

    static ChildJvm start(ChaosNode.Config config) throws IOException {
      Path log = LOGS.resolve(config.instanceId() + ".log");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(List.of("-Xmx160m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
      command.addAll(List.of("-cp", System.getProperty("java.class.path")));
      command.add(ChaosNode.class.getName());
      command.addAll(config.args());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new ChildJvm(process, log);
    }

    void awaitStarted() {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(200))
          .failFast("chaos node exited; see " + log, () -> !process.isAlive())
          .until(() -> Files.readString(log).contains(ChaosNode.STARTED));
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor();
    }

    void stop() throws InterruptedException {
      try {
        process.getOutputStream().close();
      } catch (IOException e) {
        // gone
      }
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }
}
