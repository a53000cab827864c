/** Internal, no compatibility guarantees: the workflow engine's engine parts. */
package io.kubemin.internal.engine;
