package io.kubemin.examples.rest;

/**
 * An answer: HTTP status and a body written as JSON.
 *
 * @param status HTTP status
 * @param body any value {@link io.kubemin.model.ModelCodec} writes (records in snake_case, maps)
 */
record RestResponse(int status, Object body) {
  static RestResponse ok(Object body) {
    return new RestResponse(200, body);
  }
}
