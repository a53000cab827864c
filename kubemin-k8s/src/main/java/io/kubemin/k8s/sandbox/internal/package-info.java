/**
 * Internal: the sandbox's API server extensions and rollout simulator. No compatibility guarantees.
 */
package io.kubemin.k8s.sandbox.internal;
