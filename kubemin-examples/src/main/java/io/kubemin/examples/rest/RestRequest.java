package io.kubemin.examples.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemin.model.ModelCodec;
import io.kubemin.model.ModelParseException;
import io.kubemin.model.Parsed;
import java.util.Map;

/**
 * One request as a handler sees it: method, path parameters and the body as text.
 *
 * @param method HTTP method
 * @param path the request path
 * @param params path parameters by name ({@code appID} of {@code /applications/:appID})
 * @param body the body, empty when none
 */
record RestRequest(String method, String path, Map<String, String> params, String body) {
  RestRequest {
    params = Map.copyOf(params);
  }

  /** A path parameter. */
  String param(String name) {
    String value = params.get(name);
    if (value == null) {
      throw new IllegalArgumentException("route has no parameter " + name);
    }
    return value;
  }

  /** Whether the body is empty or blank. */
  boolean hasBody() {
    return !body.isBlank();
  }

  /**
   * Reads the body as a model type; unknown fields are ignored and listed.
   *
   * @param bindCode the business code of a body that cannot be read on this route
   * @throws BadRequestException when the body is empty, malformed or of the wrong shape
   */
  <T> Parsed<T> parse(Class<T> type, int bindCode) {
    try {
      return ModelCodec.json().read(body, type);
    } catch (ModelParseException e) {
      throw new BadRequestException(bindCode, "invalid request body: " + e.getMessage());
    }
  }

  /** Reads the body as a model type, see {@link #parse}. */
  <T> T read(Class<T> type, int bindCode) {
    return parse(type, bindCode).value();
  }

  /** Reads the body as a JSON tree, see {@link #parse}. */
  JsonNode tree(int bindCode) {
    return read(JsonNode.class, bindCode);
  }
}
