/** Rendering internals: internal, no compatibility guarantees. */
package io.kubemin.render.internal;
