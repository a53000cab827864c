package io.kubemin.queue.redis;

import static org.awaitility.Awaitility.await;

import io.kubemin.testsupport.ExternalServices;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A mariadbd of the test's own: its own data directory, socket and free port, so that a test can
 * stop and start it without touching the shared server on 3306. Root without a password, over TCP
 * on 127.0.0.1 only. The data directory is deleted on close.
 */
final class PrivateMariaDb implements AutoCloseable {
  private static final Path SERVER = Path.of("/usr/sbin/mariadbd");
  private static final Path INSTALL = Path.of("/usr/bin/mariadb-install-db");

  private final Path directory;
  private final int port;
  private Process process;

  private PrivateMariaDb(Path directory, int port) {
    this.directory = directory;
    this.port = port;
  }

  /** Installs and starts one, or skips (fails when services are required) without the binaries. */
  static PrivateMariaDb start() throws IOException, InterruptedException {
    if (!Files.isExecutable(SERVER) || !Files.isExecutable(INSTALL)) {
      String message = SERVER + " or " + INSTALL + " is missing (apt-get install mariadb-server)";
      if (ExternalServices.required()) {
        Assertions.fail(message);
      }
      Assumptions.abort(message);
    }
    Path directory = Files.createTempDirectory("kubemin-mariadb");
    PrivateMariaDb db = new PrivateMariaDb(directory, freePort());
    Process install =
        new ProcessBuilder(
                INSTALL.toString(),
                "--no-defaults",
                "--datadir=" + directory.resolve("data"),
                "--user=" + System.getProperty("user.name"),
                "--auth-root-authentication-method=normal",
                "--skip-test-db")
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("install.log").toFile())
            .start();
    if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
      throw new IllegalStateException(
          "mariadb-install-db failed; see " + directory.resolve("install.log"));
    }
    db.restart();
    return db;
  }

  int port() {
    return port;
  }

  /** A JDBC URL of a new database on this server. */
  String createDatabase(String name) throws SQLException {
    try (Connection c =
            DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/?user=root");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
    }
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + name + "?user=root";
  }

  /** Starts the server and waits until it accepts connections. */
  void restart() throws IOException {
    process =
        new ProcessBuilder(
                SERVER.toString(),
                "--no-defaults",
                "--datadir=" + directory.resolve("data"),
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--socket=" + directory.resolve("mysqld.sock"),
                "--pid-file=" + directory.resolve("mysqld.pid"),
                "--user=" + System.getProperty("user.name"),
                "--skip-name-resolve",
                "--skip-log-bin",
                "--innodb-buffer-pool-size=64M",
                "--max-connections=300")
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(directory.resolve("server.log").toFile()))
            .start();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .failFast(
            "mariadbd exited; see " + directory.resolve("server.log"), () -> !process.isAlive())
        .until(this::answers);
  }

  /** Stops the server (SIGTERM: a clean shutdown) and waits until it is gone. */
  void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
      process = null;
    }
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
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
