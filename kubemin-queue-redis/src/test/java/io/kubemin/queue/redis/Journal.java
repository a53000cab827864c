package io.kubemin.queue.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;

/**
 * What the engine processes of a distributed test did, in one Redis list shared by all of them:
 * RPUSH puts every event in one global order, whichever process wrote it.
 */
final class Journal implements AutoCloseable {
  static final String JOB_STARTED = "start";
  static final String JOB_ENDED = "end";
  static final String TASK_QUEUED = "queued";
  static final String TASK_FINISHED = "finished";
  static final String KILLED = "killed";

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final String key;

  /**
   * One event.
   *
   * @param sequence its place in the global order
   * @param kind what happened
   * @param taskId the task, or "-"
   * @param attempt the task's attempt, or the terminal status for {@link #TASK_FINISHED}
   * @param instance the engine instance it happened on
   * @param millis wall clock time on this machine
   */
  record Event(
      int sequence, String kind, String taskId, String attempt, String instance, long millis) {}

  Journal(String prefix) {
    this.key = prefix + ".journal";
    this.client = RedisClient.create("redis://127.0.0.1:6379");
    this.connection = client.connect();
  }

  void add(String kind, String taskId, Object attempt, String instance) {
    String line = String.join("|", kind, taskId, String.valueOf(attempt), instance);
    // join() ignores interrupts: an engine stopping a job must not lose the job's end.
    connection
        .async()
        .rpush(key, line + "|" + System.currentTimeMillis())
        .toCompletableFuture()
        .join();
  }

  List<Event> events() {
    List<Event> events = new ArrayList<>();
    for (String line : connection.sync().lrange(key, 0, -1)) {
      String[] f = line.split("\\|");
      events.add(new Event(events.size(), f[0], f[1], f[2], f[3], Long.parseLong(f[4])));
    }
    return events;
  }

  void delete() {
    connection.sync().del(key);
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
