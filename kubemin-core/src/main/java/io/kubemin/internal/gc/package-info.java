/**
 * Internal, no compatibility guarantees: garbage collection (the objects an application no longer
 * renders) and the plan of a deploy against the cluster.
 */
package io.kubemin.internal.gc;
