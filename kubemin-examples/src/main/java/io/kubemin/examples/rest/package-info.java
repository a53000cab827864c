/**
 * The REST API of KubeMin, as an example of a host application: the upstream's endpoints under
 * {@code /api/v1} with the same bodies, error envelope and business codes, plus get and delete
 * application, task history and stages, component status and health, in the upstream's or the web
 * console's {@link io.kubemin.examples.rest.ApiDialect dialect}. Built on Vert.x core; start one
 * with {@link io.kubemin.examples.rest.RestServer#start} and {@link
 * io.kubemin.examples.rest.RestSettings}. See {@code docs/rest-api.md}.
 */
package io.kubemin.examples.rest;
