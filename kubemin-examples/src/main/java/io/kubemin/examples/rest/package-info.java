/**
 * The REST API of KubeMin, as an example of a host application: the upstream's endpoints under
 * {@code /api/v1} with the same bodies, error envelope and business codes, plus get and delete
 * application, list tasks, component status and health. Built on the JDK's {@code HttpServer};
 * start one with {@link io.kubemin.examples.rest.RestServer#start}. See {@code docs/rest-api.md}.
 */
package io.kubemin.examples.rest;
