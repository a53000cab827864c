/**
 * Traits and policies (SPI): a {@link io.kubemin.trait.TraitProcessor} shapes the workload of a
 * component that lists its key, or adds objects next to it; a {@link io.kubemin.trait.Policy} does
 * the same on every component without being listed. The built-in traits are processors of this same
 * SPI; custom ones are registered on the {@link io.kubemin.render.Renderer} builder or found by
 * {@link java.util.ServiceLoader}.
 */
package io.kubemin.trait;
