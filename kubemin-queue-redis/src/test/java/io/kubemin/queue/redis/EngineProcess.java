package io.kubemin.queue.redis;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An {@link EngineNode} in a child JVM on the test class path, logging to a file. */
final class EngineProcess {
  private final String instanceId;
  private final Process process;
  private final Path log;

  private EngineProcess(String instanceId, Process process, Path log) {
    this.instanceId = instanceId;
    this.process = process;
    this.log = log;
  }

  /** Starts the child; {@link #awaitStarted} waits until its engine runs. */
  static EngineProcess start(EngineNode.Config config, Path logDirectory) throws IOException {
    Files.createDirectories(logDirectory);
    Path log = logDirectory.resolve(config.instanceId() + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Small, quick-starting JVMs: the build machine has two cores for everything.
    command.addAll(List.of("-Xmx160m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(EngineNode.class.getName());
    command.addAll(config.args());
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new EngineProcess(config.instanceId(), process, log);
  }

  String instanceId() {
    return instanceId;
  }

  void awaitStarted() {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .failFast("engine process " + instanceId + " exited; see " + log, () -> !process.isAlive())
        .until(() -> Files.readString(log).contains(EngineNode.STARTED));
  }

  /** SIGKILL: the process ends at once, as in a crash. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Asks the engine to stop (end of its standard input); kills it if it takes too long. */
  void stop() throws InterruptedException {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // Already gone.
    }
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
