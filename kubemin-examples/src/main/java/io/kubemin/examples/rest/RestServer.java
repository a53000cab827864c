package io.kubemin.examples.rest;

import com.sun.net.httpserver.HttpServer;
import io.kubemin.KubeMin;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KubeMin's REST API over a {@link KubeMin} instance: the upstream's endpoints under {@value
 * #PREFIX}, plus get and delete application, list tasks, component status and health (see {@code
 * docs/rest-api.md}). No authentication: bind it to loopback (the default of {@code kubemin serve})
 * or put it behind a proxy that authenticates. The host owns the {@code KubeMin}; closing the
 * server leaves it running.
 *
 * <pre>{@code
 * try (RestServer server = RestServer.start(kubemin, new InetSocketAddress("127.0.0.1", 8000),
 *     List.of(ReadinessCheck.store(store)))) {
 *   ...
 * }
 * }</pre>
 */
public final class RestServer implements AutoCloseable {
  /** The path prefix of every endpoint. */
  public static final String PREFIX = "/api/v1";

  /** Largest request body accepted (413 beyond). */
  public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  /** Threads serving requests. */
  public static final int DEFAULT_THREADS = 8;

  /** Time limit of each readiness check. */
  public static final Duration READINESS_TIMEOUT = Duration.ofSeconds(5);

  /** How long {@link #close()} lets requests in progress finish. */
  public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

  private final HttpServer server;
  private final Router router;
  private final ExecutorService requests;
  private final ExecutorService probes;
  private boolean closed;

  private RestServer(
      HttpServer server, Router router, ExecutorService requests, ExecutorService probes) {
    this.server = server;
    this.router = router;
    this.requests = requests;
    this.probes = probes;
  }

  /**
   * Binds the address and starts serving.
   *
   * @param kubemin the engine whose operations the API exposes
   * @param address where to listen; port 0 picks a free port (see {@link #address()})
   * @param checks what readiness checks, in order
   * @throws IOException when the address cannot be bound
   */
  public static RestServer start(
      KubeMin kubemin, InetSocketAddress address, List<ReadinessCheck> checks) throws IOException {
    Objects.requireNonNull(kubemin, "kubemin");
    Objects.requireNonNull(address, "address");
    ExecutorService probes = Executors.newCachedThreadPool(daemonThreads("kubemin-ready-"));
    Router router = new Router(MAX_BODY_BYTES);
    new DryRunRoutes(kubemin).register(router, PREFIX);
    new ApplicationRoutes(kubemin).register(router, PREFIX);
    new WorkflowRoutes(kubemin).register(router, PREFIX);
    new HealthRoutes(checks, probes, READINESS_TIMEOUT).register(router, PREFIX);
    HttpServer server;
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      probes.shutdownNow();
      throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
    }
    ExecutorService requests =
        Executors.newFixedThreadPool(DEFAULT_THREADS, daemonThreads("kubemin-rest-"));
    server.createContext("/", router);
    server.setExecutor(requests);
    server.start();
    LOG.info("REST API listening on {}", server.getAddress());
    return new RestServer(server, router, requests, probes);
  }

  /**
   * Reads a listen address as {@code HOST:PORT}, {@code [IPv6]:PORT} or {@code :PORT} (every
   * interface, as the upstream's {@code --bind-addr}).
   *
   * @throws IllegalArgumentException when it is not of that form or the port is not 0..65535
   */
  public static InetSocketAddress parseBindAddress(String hostPort) {
    Objects.requireNonNull(hostPort, "hostPort");
    int colon = hostPort.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "bind address '" + hostPort + "' must be HOST:PORT, such as 127.0.0.1:8000");
    }
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          "bind address '" + hostPort + "': the port must be a number from 0 to 65535");
    }
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }

  /** The address the server listens on, with the port it got. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /**
   * Answers new requests with 503, lets requests in progress finish within {@link #SHUTDOWN_GRACE},
   * then closes the connections and stops the threads. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!router.drain(SHUTDOWN_GRACE)) {
        LOG.warn("REST API: requests still in progress after {}, closing anyway", SHUTDOWN_GRACE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // HttpServer.stop(delay) of Java 17 waits the whole delay even when idle; drained already.
    server.stop(0);
    requests.shutdownNow();
    probes.shutdownNow();
    LOG.info("REST API stopped");
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
