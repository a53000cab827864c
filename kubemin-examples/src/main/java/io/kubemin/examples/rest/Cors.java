package io.kubemin.examples.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cross-origin access for a console served elsewhere: configured origins get their own origin back
 * with credentials allowed; {@code *} allows any origin but never with credentials. Preflights are
 * answered here, before authentication (browsers send no credentials with them).
 */
final class Cors {
  static final String ALLOWED_METHODS = "GET, POST, PUT, DELETE, OPTIONS";
  static final String ALLOWED_HEADERS = "Authorization, Content-Type";

  private final List<String> origins;

  Cors(List<String> origins) {
    this.origins = List.copyOf(origins);
  }

  /** Whether this origin may call the API. */
  boolean allows(String origin) {
    return origin != null && (origins.contains("*") || origins.contains(origin));
  }

  /** The headers of an answer to this allowed origin. */
  Map<String, String> headers(String origin, boolean preflight) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (origins.contains(origin)) {
      headers.put("Access-Control-Allow-Origin", origin);
      headers.put("Access-Control-Allow-Credentials", "true");
    } else {
      headers.put("Access-Control-Allow-Origin", "*");
    }
    headers.put("Vary", "Origin");
    if (preflight) {
      headers.put("Access-Control-Allow-Methods", ALLOWED_METHODS);
      headers.put("Access-Control-Allow-Headers", ALLOWED_HEADERS);
      headers.put("Access-Control-Max-Age", "600");
    }
    return headers;
  }
}
