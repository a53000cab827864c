package io.kubemin.examples.rest;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the server, on Vert.x's event loop: deadlines for headers, bodies and kept-alive
 * connections; the {@code Host}, origin, token, content type and size checks; reading the body;
 * handing it to the bounded handler pool (503 when full); writing the answer in the dialect; the
 * access log. Every refusal is an envelope of the dialect.
 */
final class HttpFront {
  private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);
  private static final Logger ACCESS = LoggerFactory.getLogger("io.kubemin.examples.rest.access");
  private static final String METRICS_PATH = "/metrics";

  private final Router router;
  private final WireFormat format;
  private final RestSettings settings;
  private final ExecutorService handlers;
  private final RestTracing tracing;
  private final Cors cors;
  private final RequestChecks checks;
  private final StaticFiles files;
  private final Map<HttpConnection, Deadline> connections = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean draining;

  HttpFront(
      Router router,
      WireFormat format,
      RestSettings settings,
      ExecutorService handlers,
      HostCheck hosts) {
    this.router = router;
    this.format = format;
    this.settings = settings;
    this.handlers = handlers;
    this.tracing =
        settings.openTelemetry() == null ? null : new RestTracing(settings.openTelemetry(), router);
    this.cors = new Cors(settings.corsOrigins());
    this.files = settings.consoleUi() == null ? null : StaticFiles.of(settings.consoleUi());
    this.checks = new RequestChecks(settings, hosts, cors, files != null);
  }

  /** A new connection: it has the header timeout to send its first request. */
  void connected(HttpConnection connection) {
    Deadline deadline = new Deadline();
    deadline.set(after(settings.headerTimeout()), connection::close);
    connections.put(connection, deadline);
    connection.closeHandler(v -> connections.remove(connection));
  }

  /** Runs the actions of passed deadlines; called every few hundred milliseconds. */
  void sweep() {
    long now = System.nanoTime();
    connections.values().forEach(deadline -> deadline.expireIfDue(now));
  }

  /** Refuses new requests; returns whether those in progress finished within the grace. */
  boolean drain(Duration grace) throws InterruptedException {
    draining = true;
    long deadline = System.nanoTime() + grace.toNanos();
    while (inFlight.get() > 0) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
    return true;
  }

  /** A request the HTTP decoder could not read: bad request line, headers too long. */
  void invalid(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    RestResponse answer;
    if (cause instanceof TooLongHttpLineException) {
      answer = ErrorResponses.plain(414, "request line too long");
    } else if (cause instanceof TooLongHttpHeaderException) {
      answer = ErrorResponses.plain(431, "request headers too large");
    } else {
      answer = ErrorResponses.plain(400, "malformed HTTP request");
    }
    reply(request, answer, Map.of(), true, System.nanoTime());
  }

  /** A request whose headers are in. */
  void handle(HttpServerRequest request) {
    long start = System.nanoTime();
    Deadline deadline = connections.get(request.connection());
    if (deadline != null) {
      deadline.set(
          after(settings.bodyTimeout()),
          () ->
              reply(
                  request,
                  ErrorResponses.plain(408, "request body not received in time"),
                  Map.of(),
                  true,
                  start));
    }
    String origin = request.getHeader("Origin");
    Map<String, String> corsHeaders = cors.allows(origin) ? cors.headers(origin, false) : Map.of();
    RestResponse refusal = checks.refusal(request, origin, draining);
    if (refusal != null) {
      reply(request, refusal, corsHeaders, true, start);
      return;
    }
    if (request.method() == HttpMethod.OPTIONS && origin != null) {
      Map<String, String> preflight = cors.allows(origin) ? cors.headers(origin, true) : Map.of();
      reply(request, new RestResponse(204, null, preflight), Map.of(), false, start);
      return;
    }
    if (settings.metrics() != null && request.path().equals(METRICS_PATH)) {
      serveMetrics(request, start);
      return;
    }
    if (files != null && !checks.isApi(request.path())) {
      serveFile(request, start);
      return;
    }
    readBody(request, corsHeaders, start);
  }

  private void readBody(HttpServerRequest request, Map<String, String> corsHeaders, long start) {
    Buffer body = Buffer.buffer();
    boolean[] refused = {false};
    request.handler(
        chunk -> {
          if (refused[0]) {
            return;
          }
          if (body.length() + chunk.length() > settings.maxBodyBytes()) {
            refused[0] = true;
            reply(
                request,
                ErrorResponses.plain(
                    413, "request body larger than " + settings.maxBodyBytes() + " bytes"),
                corsHeaders,
                true,
                start);
            return;
          }
          body.appendBuffer(chunk);
        });
    request.exceptionHandler(e -> LOG.debug("reading a request failed: {}", e.toString()));
    request.endHandler(
        v -> {
          if (!refused[0]) {
            dispatch(
                request,
                body.toString(java.nio.charset.StandardCharsets.UTF_8),
                corsHeaders,
                start);
          }
        });
    if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
      request.response().writeContinue();
    }
  }

  private void dispatch(
      HttpServerRequest request, String body, Map<String, String> corsHeaders, long start) {
    Deadline deadline = connections.get(request.connection());
    if (deadline != null) {
      deadline.clear();
    }
    RestRequest restRequest;
    try {
      restRequest =
          new RestRequest(
              request.method().name(),
              request.path(),
              Map.of(),
              query(request.params()),
              body,
              format.codec());
    } catch (RuntimeException e) {
      reply(request, ErrorResponses.plain(400, "malformed query string"), corsHeaders, true, start);
      return;
    }
    inFlight.incrementAndGet();
    try {
      handlers.execute(
          () -> {
            try {
              RestResponse response =
                  tracing == null
                      ? router.dispatch(restRequest)
                      : tracing.traced(
                          restRequest.method(),
                          restRequest.path(),
                          request.headers(),
                          () -> router.dispatch(restRequest));
              reply(request, response, corsHeaders, false, start);
            } finally {
              inFlight.decrementAndGet();
            }
          });
    } catch (RejectedExecutionException e) {
      inFlight.decrementAndGet();
      reply(
          request,
          ErrorResponses.plain(503, "the server is busy, try again").withHeader("Retry-After", "1"),
          corsHeaders,
          false,
          start);
    }
  }

  private void serveMetrics(HttpServerRequest request, long start) {
    Deadline deadline = connections.get(request.connection());
    if (deadline != null) {
      deadline.clear();
    }
    if (!checks.authorized(request)) {
      reply(
          request,
          ErrorResponses.plain(401, "a valid bearer token is required")
              .withHeader("WWW-Authenticate", "Bearer"),
          Map.of(),
          false,
          start);
      return;
    }
    if (request.method() != HttpMethod.GET) {
      reply(request, ErrorResponses.plain(405, "only GET serves metrics"), Map.of(), false, start);
      return;
    }
    try {
      handlers.execute(() -> scrape(request, start));
    } catch (RejectedExecutionException e) {
      reply(
          request,
          ErrorResponses.plain(503, "the server is busy, try again").withHeader("Retry-After", "1"),
          Map.of(),
          false,
          start);
    }
  }

  private void scrape(HttpServerRequest request, long start) {
    String text;
    try {
      text = settings.metrics().get();
    } catch (RuntimeException e) {
      LOG.warn("metrics scrape failed", e);
      reply(request, ErrorResponses.plain(500, "metrics unavailable"), Map.of(), false, start);
      return;
    }
    HttpServerResponse response = request.response();
    response.putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    response.endHandler(v -> finished(request, response.getStatusCode(), start));
    response.end(text);
  }

  private void serveFile(HttpServerRequest request, long start) {
    Deadline deadline = connections.get(request.connection());
    if (deadline != null) {
      deadline.clear();
    }
    if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
      reply(
          request,
          ErrorResponses.plain(405, "only GET and HEAD serve files"),
          Map.of(),
          true,
          start);
      return;
    }
    Optional<StaticFiles.Found> found = files.resolve(request.path());
    if (found.isEmpty()) {
      reply(request, ErrorResponses.plain(404, "no such file"), Map.of(), false, start);
      return;
    }
    HttpServerResponse response = request.response();
    response
        .putHeader("Content-Type", found.get().contentType())
        .putHeader("Cache-Control", found.get().cacheControl())
        .putHeader("X-Content-Type-Options", "nosniff");
    response.endHandler(v -> finished(request, response.getStatusCode(), start));
    response
        .sendFile(found.get().path().toString())
        .onFailure(
            e -> {
              LOG.warn("cannot send {}: {}", found.get().path(), e.toString());
              request.connection().close();
            });
  }

  private void reply(
      HttpServerRequest request,
      RestResponse answer,
      Map<String, String> extraHeaders,
      boolean close,
      long start) {
    HttpServerResponse response = request.response();
    if (response.ended() || response.closed()) {
      return;
    }
    byte[] bytes;
    try {
      bytes = answer.body() == null ? new byte[0] : format.write(answer);
    } catch (RuntimeException e) {
      LOG.error("cannot write the answer of {} {}", request.method(), request.path(), e);
      answer = ErrorResponses.plain(500, "internal error: the answer could not be written");
      bytes = format.write(answer);
    }
    response.setStatusCode(answer.status());
    extraHeaders.forEach(response::putHeader);
    answer.headers().forEach(response::putHeader);
    if (bytes.length > 0) {
      response.putHeader("Content-Type", "application/json; charset=utf-8");
    }
    response.putHeader("Cache-Control", "no-store");
    response.putHeader("X-Content-Type-Options", "nosniff");
    if (close) {
      response.putHeader("Connection", "close");
    }
    int status = answer.status();
    response.endHandler(v -> finished(request, status, start));
    response
        .end(Buffer.buffer(bytes))
        .onComplete(
            done -> {
              if (close) {
                request.connection().close();
              }
            });
  }

  /** Logs the request and gives the kept-alive connection the idle timeout for its next one. */
  private void finished(HttpServerRequest request, int status, long start) {
    ACCESS.info(
        "{} {} {} {} ms",
        request.method(),
        request.path(),
        status,
        (System.nanoTime() - start) / 1_000_000);
    HttpConnection connection = request.connection();
    Deadline deadline = connections.get(connection);
    if (deadline != null) {
      deadline.set(after(settings.idleTimeout()), connection::close);
    }
  }

  private static Map<String, String> query(MultiMap params) {
    Map<String, String> query = new HashMap<>();
    params.forEach(entry -> query.putIfAbsent(entry.getKey(), entry.getValue()));
    return query;
  }

  private static long after(Duration duration) {
    return System.nanoTime() + duration.toNanos();
  }
}
