package io.kubemin.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The "skip unless required" switch for tests that need a real server (MariaDB, Redis). When the
 * server does not answer, the test is skipped with a message, unless {@code
 * KUBEMIN_REQUIRE_SERVICES=1} (set by {@code .ci/run}), in which case it fails.
 */
public final class ExternalServices {
  private ExternalServices() {}

  /** Whether tests must fail rather than skip when a server is absent. */
  public static boolean required() {
    String value = System.getenv("KUBEMIN_REQUIRE_SERVICES");
    if (value == null || value.isBlank()) {
      value = System.getProperty("kubemin.requireServices", "");
    }
    return value.equals("1") || value.equalsIgnoreCase("true");
  }

  /** Skips (or fails, when required) unless {@code host:port} accepts a TCP connection. */
  public static void assumeReachable(String name, String host, int port) {
    if (reachable(host, port)) {
      return;
    }
    String message =
        name
            + " is not reachable on "
            + host
            + ":"
            + port
            + " (start it, see FACTS.md; set KUBEMIN_REQUIRE_SERVICES=1 to fail instead of skip)";
    if (required()) {
      Assertions.fail(message);
    }
    Assumptions.abort(message);
  }

  /** Skips unless MariaDB answers on 127.0.0.1:3306. */
  public static void assumeMariaDb() {
    assumeReachable("MariaDB", "127.0.0.1", 3306);
  }

  /** Skips unless Redis answers on 127.0.0.1:6379. */
  public static void assumeRedis() {
    assumeReachable("Redis", "127.0.0.1", 6379);
  }

  private static boolean reachable(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
