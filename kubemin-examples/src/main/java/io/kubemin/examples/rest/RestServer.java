package io.kubemin.examples.rest;

import io.kubemin.KubeMin;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KubeMin's REST API over a {@link KubeMin} instance: the upstream's endpoints under {@value
 * #PREFIX}, plus get and delete application, task history and stages, component status and health
 * (see {@code docs/rest-api.md}), in the upstream's or the web console's {@linkplain ApiDialect
 * dialect}. Served by Vert.x with header, body and idle timeouts, a body limit, a bounded handler
 * pool, optional bearer token, CORS and TLS ({@link RestSettings}). A non-loopback address needs a
 * token unless {@linkplain RestSettings#insecure() insecure}. The host owns the {@code KubeMin};
 * closing the server leaves it running.
 *
 * <pre>{@code
 * try (RestServer server = RestServer.start(kubemin, new InetSocketAddress("127.0.0.1", 8000),
 *     List.of(ReadinessCheck.store(store)), RestSettings.defaults())) {
 *   ...
 * }
 * }</pre>
 */
public final class RestServer implements AutoCloseable {
  /** The path prefix of every endpoint. */
  public static final String PREFIX = "/api/v1";

  /** Largest request body accepted (413 beyond), by default. */
  public static final int MAX_BODY_BYTES = RestSettings.DEFAULT_MAX_BODY_BYTES;

  /** Threads serving requests, by default. */
  public static final int DEFAULT_THREADS = RestSettings.DEFAULT_THREADS;

  /** Time limit of each readiness check. */
  public static final Duration READINESS_TIMEOUT = Duration.ofSeconds(5);

  /** How long {@link #close()} lets requests in progress finish. */
  public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final long SWEEP_MILLIS = 200;

  private final Vertx vertx;
  private final HttpServer server;
  private final HttpFront front;
  private final InetSocketAddress address;
  private final ExecutorService handlers;
  private final ExecutorService probes;
  private boolean closed;

  private RestServer(
      Vertx vertx,
      HttpServer server,
      HttpFront front,
      InetSocketAddress address,
      ExecutorService handlers,
      ExecutorService probes) {
    this.vertx = vertx;
    this.server = server;
    this.front = front;
    this.address = address;
    this.handlers = handlers;
    this.probes = probes;
  }

  /**
   * Binds the address and starts serving with the {@linkplain RestSettings#defaults() defaults}.
   *
   * @see #start(KubeMin, InetSocketAddress, List, RestSettings)
   */
  public static RestServer start(
      KubeMin kubemin, InetSocketAddress address, List<ReadinessCheck> checks) throws IOException {
    return start(kubemin, address, checks, RestSettings.defaults());
  }

  /**
   * Binds the address and starts serving.
   *
   * @param kubemin the engine whose operations the API exposes
   * @param address where to listen; port 0 picks a free port (see {@link #address()})
   * @param checks what readiness checks, in order
   * @param settings dialect, security and limits
   * @throws IOException when the address cannot be bound or the TLS files cannot be read
   * @throws IllegalArgumentException when a non-loopback address has no token and is not insecure,
   *     or the console directory has no {@code index.html}
   */
  public static RestServer start(
      KubeMin kubemin,
      InetSocketAddress address,
      List<ReadinessCheck> checks,
      RestSettings settings)
      throws IOException {
    Objects.requireNonNull(kubemin, "kubemin");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(settings, "settings");
    refuseOpenWithoutToken(address, settings);
    HttpServerOptions options = options(address, settings);
    ExecutorService probes = Executors.newCachedThreadPool(daemonThreads("kubemin-ready-"));
    Router router = new Router();
    new DryRunRoutes(kubemin).register(router, PREFIX);
    new ApplicationRoutes(kubemin).register(router, PREFIX);
    new WorkflowRoutes(kubemin).register(router, PREFIX);
    new RevisionRoutes(kubemin).register(router, PREFIX);
    new PlanRoutes(kubemin).register(router, PREFIX);
    new HealthRoutes(checks, probes, READINESS_TIMEOUT).register(router, PREFIX);
    ExecutorService handlers = handlerPool(settings);
    HttpFront front;
    try {
      front =
          new HttpFront(
              router,
              WireFormat.of(settings.dialect(), settings.maxJsonDepth()),
              settings,
              handlers,
              new HostCheck(address, settings.allowedHosts()));
    } catch (RuntimeException e) {
      handlers.shutdownNow();
      probes.shutdownNow();
      throw e;
    }
    Vertx vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(2)
                .setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2)
                .setFileSystemOptions(
                    new FileSystemOptions()
                        .setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
    HttpServer server =
        vertx
            .createHttpServer(options)
            .connectionHandler(front::connected)
            .invalidRequestHandler(front::invalid)
            .requestHandler(front::handle);
    try {
      server
          .listen()
          .toCompletionStage()
          .toCompletableFuture()
          .get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      closeQuietly(vertx);
      handlers.shutdownNow();
      probes.shutdownNow();
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IOException("cannot listen on " + address + ": " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(vertx);
      handlers.shutdownNow();
      probes.shutdownNow();
      throw new IOException("interrupted while binding " + address, e);
    }
    vertx.setPeriodic(SWEEP_MILLIS, id -> front.sweep());
    InetSocketAddress bound = new InetSocketAddress(address.getAddress(), server.actualPort());
    LOG.info(
        "REST API listening on {}://{} ({} dialect{}{}{})",
        settings.tlsCert() == null ? "http" : "https",
        bound,
        settings.dialect().cliName(),
        settings.token() == null ? ", no token" : ", bearer token",
        settings.corsOrigins().isEmpty() ? "" : ", CORS " + settings.corsOrigins(),
        settings.consoleUi() == null ? "" : ", console UI from " + settings.consoleUi());
    return new RestServer(vertx, server, front, bound, handlers, probes);
  }

  private static void refuseOpenWithoutToken(InetSocketAddress address, RestSettings settings) {
    boolean loopback = address.getAddress() != null && address.getAddress().isLoopbackAddress();
    if (!loopback && settings.token() == null && !settings.insecure()) {
      throw new IllegalArgumentException(
          "refusing to serve "
              + address.getHostString()
              + " without a token: give --token-file, or --insecure to allow"
              + " unauthenticated access from the network");
    }
  }

  private static HttpServerOptions options(InetSocketAddress address, RestSettings settings)
      throws IOException {
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(
                address.getAddress() == null
                    ? address.getHostString()
                    : address.getAddress().getHostAddress())
            .setPort(address.getPort())
            .setIdleTimeout((int) settings.idleTimeout().toMillis())
            .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
            .setMaxInitialLineLength(8 * 1024)
            .setMaxHeaderSize(16 * 1024)
            .setHandle100ContinueAutomatically(false)
            .setCompressionSupported(true)
            .setCompressionContentSizeThreshold(1024)
            .setHttp2ClearTextEnabled(false);
    if (settings.tlsCert() != null) {
      for (Path file : List.of(settings.tlsCert(), settings.tlsKey())) {
        if (!Files.isReadable(file)) {
          throw new IOException("cannot read TLS file " + file);
        }
      }
      options
          .setSsl(true)
          .setSslHandshakeTimeout(settings.headerTimeout().toMillis())
          .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
          .setKeyCertOptions(
              new PemKeyCertOptions()
                  .setCertPath(settings.tlsCert().toString())
                  .setKeyPath(settings.tlsKey().toString()));
    }
    return options;
  }

  private static ExecutorService handlerPool(RestSettings settings) {
    java.util.concurrent.BlockingQueue<Runnable> queue =
        settings.queueCapacity() == 0
            ? new SynchronousQueue<>()
            : new ArrayBlockingQueue<>(settings.queueCapacity());
    return new ThreadPoolExecutor(
        settings.threads(),
        settings.threads(),
        60,
        TimeUnit.SECONDS,
        queue,
        daemonThreads("kubemin-rest-"),
        new ThreadPoolExecutor.AbortPolicy());
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
    return address;
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
      if (!front.drain(SHUTDOWN_GRACE)) {
        LOG.warn("REST API: requests still in progress after {}, closing anyway", SHUTDOWN_GRACE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("REST API: closing the listener failed: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeQuietly(vertx);
    handlers.shutdownNow();
    probes.shutdownNow();
    LOG.info("REST API stopped");
  }

  private static void closeQuietly(Vertx vertx) {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("REST API: stopping Vert.x failed: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
