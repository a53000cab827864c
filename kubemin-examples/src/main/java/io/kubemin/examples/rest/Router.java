package io.kubemin.examples.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.kubemin.model.ModelCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches requests to the first route whose method and path match ({@code :name} segments bind
 * path parameters, so literal routes are registered before parameterised ones). An unknown path is
 * a 404, a known path with another method a 405, a body over the limit a 413; every answer is JSON.
 */
final class Router implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);

  private final List<Route> routes = new ArrayList<>();
  private final int maxBodyBytes;
  private final Object activity = new Object();
  private int inFlight;
  private boolean draining;

  Router(int maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  Router get(String pattern, RestHandler handler) {
    return add("GET", pattern, handler);
  }

  Router post(String pattern, RestHandler handler) {
    return add("POST", pattern, handler);
  }

  Router put(String pattern, RestHandler handler) {
    return add("PUT", pattern, handler);
  }

  Router delete(String pattern, RestHandler handler) {
    return add("DELETE", pattern, handler);
  }

  private Router add(String method, String pattern, RestHandler handler) {
    routes.add(new Route(method, segments(pattern), handler));
    return this;
  }

  /**
   * Refuses new requests (503) and waits until those in progress have been answered, or the time is
   * up.
   *
   * @return whether every request in progress was answered
   */
  boolean drain(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    synchronized (activity) {
      draining = true;
      while (inFlight > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(activity, left);
      }
      return true;
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    synchronized (activity) {
      if (draining) {
        exchange.getResponseHeaders().set("Connection", "close");
        write(exchange, ErrorResponses.plain(503, "the server is shutting down"));
        return;
      }
      inFlight++;
    }
    try {
      serve(exchange);
    } finally {
      synchronized (activity) {
        inFlight--;
        activity.notifyAll();
      }
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    RestResponse response;
    try {
      response = dispatch(exchange, method, path);
    } catch (RuntimeException | Error e) {
      response = ErrorResponses.of(e, method + " " + path);
    }
    write(exchange, response);
    LOG.debug(
        "{} {} -> {} in {} ms",
        method,
        path,
        response.status(),
        (System.nanoTime() - start) / 1_000_000);
  }

  private RestResponse dispatch(HttpExchange exchange, String method, String path)
      throws IOException {
    List<String> segments;
    try {
      segments = segments(path);
    } catch (IllegalArgumentException e) {
      return ErrorResponses.plain(400, "malformed path " + path);
    }
    TreeSet<String> allowed = new TreeSet<>();
    for (Route route : routes) {
      Optional<Map<String, String>> params = route.match(segments);
      if (params.isEmpty()) {
        continue;
      }
      if (!route.method().equals(method)) {
        allowed.add(route.method());
        continue;
      }
      Optional<String> body = readBody(exchange.getRequestBody());
      if (body.isEmpty()) {
        return ErrorResponses.plain(413, "request body larger than " + maxBodyBytes + " bytes");
      }
      RestRequest request = new RestRequest(method, path, params.get(), body.get());
      try {
        return route.handler().handle(request);
      } catch (Exception e) {
        return ErrorResponses.of(e, method + " " + path);
      }
    }
    if (!allowed.isEmpty()) {
      exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
      return ErrorResponses.plain(405, method + " is not allowed on " + path);
    }
    return ErrorResponses.plain(404, "no route for " + method + " " + path);
  }

  private Optional<String> readBody(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(maxBodyBytes + 1);
    if (bytes.length > maxBodyBytes) {
      return Optional.empty();
    }
    return Optional.of(new String(bytes, StandardCharsets.UTF_8));
  }

  private static void write(HttpExchange exchange, RestResponse response) throws IOException {
    byte[] bytes = ModelCodec.json().write(response.body()).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(response.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static List<String> segments(String path) {
    return Arrays.stream(path.split("/"))
        .filter(s -> !s.isEmpty())
        .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8))
        .toList();
  }

  /** A method and a path pattern, split into segments. */
  private record Route(String method, List<String> pattern, RestHandler handler) {
    Optional<Map<String, String>> match(List<String> path) {
      if (path.size() != pattern.size()) {
        return Optional.empty();
      }
      Map<String, String> params = new HashMap<>();
      for (int i = 0; i < pattern.size(); i++) {
        String expected = pattern.get(i);
        if (expected.startsWith(":")) {
          params.put(expected.substring(1), path.get(i));
        } else if (!expected.equals(path.get(i))) {
          return Optional.empty();
        }
      }
      return Optional.of(params);
    }
  }
}
