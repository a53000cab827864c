package io.kubemin.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engine processes sharing one MariaDB database and one Redis: one is killed with SIGKILL in the
 * middle of a run and another joins; every task still ends exactly once, and never runs on two
 * workers at the same time.
 */
class DistributedCrashIT {
  private static final Logger LOG = LoggerFactory.getLogger(DistributedCrashIT.class);
  private static final int TASKS = 500;
  private static final Duration JOB_TIME = Duration.ofMillis(300);
  // Long enough that a live worker on the loaded build machine renews it in time.
  private static final Duration LEASE = Duration.ofSeconds(5);
  private static final Duration CLAIM_IDLE = Duration.ofSeconds(1);
  private static final Path LOGS = Path.of("target", "engine-processes");

  @Test
  void aKilledWorkersTasksResumeElsewhereAndEveryTaskEndsExactlyOnce() throws Exception {
    try (TaskFleet fleet = TaskFleet.open(JOB_TIME, LEASE, CLAIM_IDLE)) {
      List<EngineProcess> processes = new ArrayList<>();
      try {
        for (String id : List.of("node-1", "node-2", "node-3")) {
          processes.add(EngineProcess.start(fleet.config.instance(id), LOGS));
        }
        processes.forEach(EngineProcess::awaitStarted);
        List<String> taskIds = fleet.exec(TASKS);
        // Kill a worker in the middle of jobs, not one that happens to be idle. The victim is the
        // one the condition saw busy: choosing again after the wait could pick one whose short
        // jobs ended meanwhile on a loaded machine. Only jobs that started less than half a job
        // ago count, so the kill has that long to land before they end.
        AtomicReference<EngineProcess> busy = new AtomicReference<>();
        await()
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(50))
            .until(
                () -> {
                  if (fleet.finished() < TASKS / 10) {
                    return false;
                  }
                  Map<String, Long> fresh =
                      new JobRuns(fleet.journal.events())
                          .runningSince(System.currentTimeMillis() - JOB_TIME.toMillis() / 2);
                  EngineProcess candidate =
                      processes.stream()
                          .max(
                              Comparator.comparingLong(p -> fresh.getOrDefault(p.instanceId(), 0L)))
                          .orElseThrow();
                  busy.set(candidate);
                  return fresh.getOrDefault(candidate.instanceId(), 0L) > 0;
                });

        EngineProcess victim = busy.get();
        victim.kill();
        long killedAt = System.currentTimeMillis();
        fleet.journal.add(Journal.KILLED, "-", 0, victim.instanceId());
        processes.add(EngineProcess.start(fleet.config.instance("node-4"), LOGS));

        List<Task> tasks = fleet.awaitAllEnded(taskIds, Duration.ofSeconds(150));

        List<Journal.Event> events = fleet.journal.events();
        Files.write(LOGS.resolve("journal.txt"), events.stream().map(Object::toString).toList());
        assertThat(tasks).hasSize(TASKS).allMatch(t -> t.status() == TaskStatus.COMPLETED);
        JobRuns runs = new JobRuns(events);
        assertThat(runs.concurrentRuns()).as("a task ran on two workers at once").isEmpty();
        Map<String, Integer> finished = runs.finishedCounts();
        assertThat(finished.values()).as("task-finished events per task").containsOnly(1);
        // Listeners are per process: the victim may have completed a task in the store and died
        // before telling its listener. Nobody else may skip the event.
        assertThat(tasks)
            .filteredOn(t -> !finished.containsKey(t.id()))
            .allSatisfy(t -> assertThat(t.owner()).isEqualTo(victim.instanceId()))
            .allSatisfy(t -> assertThat(t.finishedAt().toEpochMilli()).isLessThan(killedAt));
        assertResumedInTime(events, victim.instanceId(), killedAt, runs);
      } finally {
        for (EngineProcess process : processes) {
          process.stop();
        }
      }
    }
  }

  /**
   * The killed worker's tasks were offered again within the lease (plus claim time) of the kill.
   */
  private static void assertResumedInTime(
      List<Journal.Event> events, String victim, long killedAt, JobRuns runs) {
    int killSequence =
        events.stream()
            .filter(e -> e.kind().equals(Journal.KILLED))
            .findFirst()
            .orElseThrow()
            .sequence();
    List<String> cutShort = runs.cutShort(victim, killSequence);
    assertThat(cutShort)
        .as(
            () ->
                "tasks running on the killed worker; its last events: "
                    + lastEvents(events, victim, killSequence, 40)
                    + " kill at "
                    + killSequence
                    + " of "
                    + events.size())
        .isNotEmpty();
    for (String taskId : cutShort) {
      Journal.Event offered = firstAfter(events, killSequence, Journal.TASK_QUEUED, taskId);
      Journal.Event started = firstAfter(events, killSequence, Journal.JOB_STARTED, taskId);
      long offeredAfter = offered.millis() - killedAt;
      LOG.info(
          "task {} of the killed worker: offered again after {} ms (attempt {}), started on {}"
              + " after {} ms",
          taskId,
          offeredAfter,
          offered.attempt(),
          started.instance(),
          started.millis() - killedAt);
      assertThat(started.instance()).isNotEqualTo(victim);
      // Slack for the loaded build machine: the reaper runs every lease/3, JVMs pause.
      assertThat(Duration.ofMillis(offeredAfter))
          .isLessThan(LEASE.plus(CLAIM_IDLE).plus(Duration.ofSeconds(3)));
    }
  }

  private static Journal.Event firstAfter(
      List<Journal.Event> events, int sequence, String kind, String taskId) {
    return events.stream()
        .filter(e -> e.sequence() > sequence && e.kind().equals(kind) && e.taskId().equals(taskId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " of task " + taskId + " after kill"));
  }

  /** The last {@code count} events of the instance before the kill. */
  private static List<Journal.Event> lastEvents(
      List<Journal.Event> events, String instance, int killSequence, int count) {
    List<Journal.Event> before =
        events.stream()
            .filter(e -> e.instance().equals(instance) && e.sequence() < killSequence)
            .toList();
    return before.subList(Math.max(0, before.size() - count), before.size());
  }
}
