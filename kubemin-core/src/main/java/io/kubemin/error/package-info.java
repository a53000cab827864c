/**
 * The exceptions every part of KubeMin shares: {@link io.kubemin.error.KubeMinException}, the base
 * of every error KubeMin throws (with an HTTP status and a business code for REST layers), and
 * {@link io.kubemin.error.RenderException}. A leaf package: it depends on no other KubeMin package,
 * so plugins that compile against the SPI do not pull in the engine.
 */
package io.kubemin.error;
