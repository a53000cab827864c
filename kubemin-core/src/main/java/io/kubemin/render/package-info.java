/**
 * Rendering (API): turns an {@link io.kubemin.model.Application} into the Kubernetes objects that
 * deploy it. Pure and deterministic: no cluster, no clock, the same input gives byte-identical
 * output. Entry point: {@link io.kubemin.render.Renderer}. SPI: {@link
 * io.kubemin.render.ComponentTypeRenderer}, a component type of a plugin.
 */
package io.kubemin.render;
