package io.kubemin.examples.rest;

/** Answers one route. */
@FunctionalInterface
interface RestHandler {
  /**
   * @param request the request, with its path parameters
   * @return the answer
   * @throws Exception any failure; the router turns it into the error envelope
   */
  RestResponse handle(RestRequest request) throws Exception;
}
