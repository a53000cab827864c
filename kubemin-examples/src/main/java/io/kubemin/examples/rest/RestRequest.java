package io.kubemin.examples.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemin.model.ModelCodec;
import io.kubemin.model.ModelParseException;
import io.kubemin.model.Parsed;
import java.util.Map;

/**
 * One request as a handler sees it: method, path and query parameters, and the body as text read
 * with the dialect's codec.
 *
 * @param method HTTP method
 * @param path the request path
 * @param params path parameters by name ({@code appID} of {@code /applications/:appID})
 * @param query query parameters (the first value of each)
 * @param body the body, empty when none
 * @param codec reads the body in the server's dialect
 */
record RestRequest(
    String method,
    String path,
    Map<String, String> params,
    Map<String, String> query,
    String body,
    ModelCodec codec) {
  RestRequest {
    params = Map.copyOf(params);
    query = Map.copyOf(query);
  }

  /** A request with the upstream codec and no query, for tests. */
  RestRequest(String method, String path, Map<String, String> params, String body) {
    this(method, path, params, Map.of(), body, ModelCodec.json());
  }

  RestRequest withParams(Map<String, String> pathParams) {
    return new RestRequest(method, path, pathParams, query, body, codec);
  }

  /** A path parameter. */
  String param(String name) {
    String value = params.get(name);
    if (value == null) {
      throw new IllegalArgumentException("route has no parameter " + name);
    }
    return value;
  }

  /** A query parameter under either of its names, or null. */
  String query(String name, String alias) {
    String value = query.get(name);
    return value != null ? value : query.get(alias);
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
      return codec.read(body, type);
    } catch (ModelParseException e) {
      throw new BadRequestException(
          bindCode, "invalid request body: " + ParseErrors.plain(e.getMessage()));
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
