/**
 * Built-in trait processors and the trait pipeline: internal, no compatibility guarantees. The
 * processors use only the public {@link io.kubemin.trait.TraitContext}, like a custom one would.
 */
package io.kubemin.trait.internal;
