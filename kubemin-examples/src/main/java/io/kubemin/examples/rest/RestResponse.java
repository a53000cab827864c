package io.kubemin.examples.rest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer: HTTP status, a body the dialect's {@link WireFormat} writes, and extra headers.
 *
 * @param status HTTP status
 * @param body records (named by the dialect's naming strategy) or maps
 * @param headers headers to add, such as {@code Allow}
 */
record RestResponse(int status, Object body, Map<String, String> headers) {
  RestResponse {
    headers = Map.copyOf(headers);
  }

  RestResponse(int status, Object body) {
    this(status, body, Map.of());
  }

  static RestResponse ok(Object body) {
    return new RestResponse(200, body);
  }

  /** This answer with one more header. */
  RestResponse withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new RestResponse(status, body, more);
  }
}
