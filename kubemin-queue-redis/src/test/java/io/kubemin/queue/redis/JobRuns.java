package io.kubemin.queue.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job runs of a {@link Journal}: from a job's start to its end, in the journal's global order.
 * A run of a killed instance that never ended ends where the kill was noted.
 */
final class JobRuns {
  /** A run of one job of a task on one instance. */
  record Run(String taskId, String instance, String attempt, int from, int to, long startedMillis) {
    boolean overlaps(Run other) {
      return from < other.to && other.from < to;
    }
  }

  private final List<Journal.Event> events;
  private final Map<String, List<Run>> byTask = new LinkedHashMap<>();

  JobRuns(List<Journal.Event> events) {
    this.events = events;
    Map<String, Integer> killedAt = new HashMap<>();
    Map<String, Journal.Event> open = new HashMap<>();
    for (Journal.Event event : events) {
      String key = event.taskId() + "/" + event.attempt() + "/" + event.instance();
      switch (event.kind()) {
        case Journal.KILLED -> killedAt.put(event.instance(), event.sequence());
        case Journal.JOB_STARTED -> open.put(key, event);
        case Journal.JOB_ENDED -> add(open.remove(key), event.sequence());
        default -> {}
      }
    }
    for (Journal.Event start : open.values()) {
      add(start, killedAt.getOrDefault(start.instance(), Integer.MAX_VALUE));
    }
  }

  private void add(Journal.Event start, int end) {
    if (start != null) {
      byTask
          .computeIfAbsent(start.taskId(), t -> new ArrayList<>())
          .add(
              new Run(
                  start.taskId(),
                  start.instance(),
                  start.attempt(),
                  start.sequence(),
                  end,
                  start.millis()));
    }
  }

  /** Pairs of runs of the same task that overlapped: a task running twice at once. */
  List<String> concurrentRuns() {
    List<String> found = new ArrayList<>();
    for (List<Run> runs : byTask.values()) {
      for (int i = 0; i < runs.size(); i++) {
        for (int j = i + 1; j < runs.size(); j++) {
          if (runs.get(i).overlaps(runs.get(j))) {
            found.add(runs.get(i) + " and " + runs.get(j));
          }
        }
      }
    }
    return found;
  }

  /** Tasks whose job was running on the instance when it was killed. */
  List<String> cutShort(String instance, int killedAt) {
    List<String> tasks = new ArrayList<>();
    byTask.forEach(
        (task, runs) -> {
          if (runs.stream().anyMatch(r -> r.instance().equals(instance) && r.to() == killedAt)) {
            tasks.add(task);
          }
        });
    return tasks;
  }

  /**
   * How many jobs still run on each instance (no end, no kill noted) that started at or after
   * {@code sinceMillis}.
   */
  Map<String, Long> runningSince(long sinceMillis) {
    Map<String, Long> counts = new HashMap<>();
    byTask.values().stream()
        .flatMap(List::stream)
        .filter(r -> r.to() == Integer.MAX_VALUE && r.startedMillis() >= sinceMillis)
        .forEach(r -> counts.merge(r.instance(), 1L, Long::sum));
    return counts;
  }

  /** How many task-finished events each task got, from any instance. */
  Map<String, Integer> finishedCounts() {
    Map<String, Integer> counts = new HashMap<>();
    for (Journal.Event event : events) {
      if (event.kind().equals(Journal.TASK_FINISHED)) {
        counts.merge(event.taskId(), 1, Integer::sum);
      }
    }
    return counts;
  }
}
