/** Internal, no compatibility guarantees: the workflow engine's app parts. */
package io.kubemin.internal.app;
