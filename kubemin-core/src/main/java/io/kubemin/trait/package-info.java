/**
 * Traits (SPI): a {@link io.kubemin.trait.TraitProcessor} shapes the pod of a component or adds
 * objects next to it. The built-in traits are processors of this same SPI; custom ones are
 * registered on the {@link io.kubemin.render.Renderer} builder or found by {@link
 * java.util.ServiceLoader}.
 */
package io.kubemin.trait;
