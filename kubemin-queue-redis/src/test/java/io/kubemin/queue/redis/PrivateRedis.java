package io.kubemin.queue.redis;

import static org.awaitility.Awaitility.await;

import io.kubemin.testsupport.ExternalServices;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A redis-server of the test's own on a free port, which the test may stop and start again without
 * disturbing the shared one. Keeps nothing on disk.
 */
final class PrivateRedis implements AutoCloseable {
  private static final String BINARY = "redis-server";
  private final int port;
  private final Path directory;
  private Process process;

  private PrivateRedis(int port, Path directory) {
    this.port = port;
    this.directory = directory;
  }

  /** Starts one, or skips (fails when services are required) when redis-server is missing. */
  static PrivateRedis start() throws IOException {
    if (!onPath()) {
      String message = BINARY + " is not on the PATH (see FACTS.md)";
      if (ExternalServices.required()) {
        Assertions.fail(message);
      }
      Assumptions.abort(message);
    }
    PrivateRedis redis = new PrivateRedis(freePort(), Files.createTempDirectory("kubemin-redis"));
    redis.restart();
    return redis;
  }

  int port() {
    return port;
  }

  void stop() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  void restart() throws IOException {
    process =
        new ProcessBuilder(
                BINARY,
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                directory.toString())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("redis.log").toFile())
            .start();
    await().atMost(Duration.ofSeconds(10)).until(this::answers);
  }

  private boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    stop();
    Files.deleteIfExists(directory.resolve("redis.log"));
    Files.deleteIfExists(directory);
  }

  private static boolean onPath() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, BINARY))) {
        return true;
      }
    }
    return false;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
