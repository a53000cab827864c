/** Internal, no compatibility guarantees: the workflow engine's plan parts. */
package io.kubemin.internal.plan;
