package io.kubemin.examples.rest;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;
import java.util.Set;

/**
 * What a request must pass before its body is read, in this order: the server is not shutting down
 * (503), its {@code Host} is ours (403, DNS rebinding), its {@code Origin} is ours or allowed (403,
 * cross-site requests), it carries the token (401), its declared body fits (413) and is JSON (415).
 * A preflight stops after the origin.
 */
final class RequestChecks {
  private static final Set<String> OPEN_PATHS = Set.of("/health", "/healthz", "/ready", "/readyz");

  private final RestSettings settings;
  private final HostCheck hosts;
  private final Cors cors;
  private final BearerAuth auth;
  private final boolean servesFiles;

  RequestChecks(RestSettings settings, HostCheck hosts, Cors cors, boolean servesFiles) {
    this.settings = settings;
    this.hosts = hosts;
    this.cors = cors;
    this.auth = settings.token() == null ? null : new BearerAuth(settings.token());
    this.servesFiles = servesFiles;
  }

  /** The answer refusing the request, or null to go on. */
  RestResponse refusal(HttpServerRequest request, String origin, boolean draining) {
    if (draining) {
      return ErrorResponses.plain(503, "the server is shutting down");
    }
    if (!hosts.accepts(request.getHeader("Host"))) {
      return ErrorResponses.plain(403, "host name not allowed (see --allowed-host)");
    }
    if (origin != null && !cors.allows(origin) && !sameOrigin(origin, request.getHeader("Host"))) {
      return ErrorResponses.plain(403, "origin not allowed (see --cors-origin)");
    }
    if (request.method() == HttpMethod.OPTIONS && origin != null) {
      return null;
    }
    String path = request.path();
    if (auth != null
        && isApi(path)
        && !isOpen(path)
        && !auth.accepts(request.getHeader("Authorization"))) {
      return ErrorResponses.plain(401, "a valid bearer token is required")
          .withHeader("WWW-Authenticate", "Bearer");
    }
    long length = contentLength(request);
    if (length > settings.maxBodyBytes()) {
      return ErrorResponses.plain(
          413, "request body larger than " + settings.maxBodyBytes() + " bytes");
    }
    boolean hasBody = length > 0 || request.getHeader("Transfer-Encoding") != null;
    if (hasBody && isApi(path) && !isJson(request.getHeader("Content-Type"))) {
      return ErrorResponses.plain(415, "request bodies must be Content-Type: application/json");
    }
    return null;
  }

  /** Whether the request carries the token, or none is needed. */
  boolean authorized(HttpServerRequest request) {
    return auth == null || auth.accepts(request.getHeader("Authorization"));
  }

  /** Whether the path is the API's (everything is, unless a console is served). */
  boolean isApi(String path) {
    return !servesFiles
        || path.equals(RestServer.PREFIX)
        || path.startsWith(RestServer.PREFIX + "/")
        || OPEN_PATHS.contains(path);
  }

  /** Health paths, at the root or under the prefix: open without a token. */
  private static boolean isOpen(String path) {
    String bare =
        path.startsWith(RestServer.PREFIX) ? path.substring(RestServer.PREFIX.length()) : path;
    return OPEN_PATHS.contains(bare);
  }

  private static boolean sameOrigin(String origin, String host) {
    if (host == null) {
      return false;
    }
    int scheme = origin.indexOf("://");
    return scheme > 0
        && origin
            .substring(scheme + 3)
            .toLowerCase(Locale.ROOT)
            .equals(host.toLowerCase(Locale.ROOT));
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json")
        || (type.startsWith("application/") && type.endsWith("+json"));
  }

  private static long contentLength(HttpServerRequest request) {
    String header = request.getHeader("Content-Length");
    if (header == null) {
      return 0;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}
