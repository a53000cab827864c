package io.kubemin.examples.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Dispatches requests to the first route whose method and path match ({@code :name} segments bind
 * path parameters, so literal routes are registered before parameterised ones). An unknown path is
 * a 404 and a known path with another method a 405, both in the error envelope.
 */
final class Router {
  private final List<Route> routes = new ArrayList<>();

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
   * What a request's route answers, or the envelope of the failure. Never throws.
   *
   * @param request the request, its path parameters still empty
   */
  RestResponse dispatch(RestRequest request) {
    String method = request.method();
    String path = request.path();
    List<String> segments;
    try {
      segments = segments(path);
    } catch (IllegalArgumentException e) {
      return ErrorResponses.plain(400, "malformed path");
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
      try {
        return route.handler().handle(request.withParams(params.get()));
      } catch (Exception | Error e) {
        return ErrorResponses.of(e, method + " " + path);
      }
    }
    if (!allowed.isEmpty()) {
      return ErrorResponses.plain(405, method + " is not allowed on this path")
          .withHeader("Allow", String.join(", ", allowed));
    }
    return ErrorResponses.plain(404, "no route for " + method + " " + path);
  }

  /** The pattern of the route that answers this method and path ({@code http.route}), or null. */
  String routeOf(String method, String path) {
    try {
      List<String> segments = segments(path);
      return routes.stream()
          .filter(r -> r.method().equals(method) && r.match(segments).isPresent())
          .map(r -> "/" + String.join("/", r.pattern()))
          .findFirst()
          .orElse(null);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Whether some route has this path, whatever its method. */
  boolean knows(String path) {
    try {
      List<String> segments = segments(path);
      return routes.stream().anyMatch(r -> r.match(segments).isPresent());
    } catch (IllegalArgumentException e) {
      return false;
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
