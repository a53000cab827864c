/**
 * Internal: the Kubernetes executors' building blocks (informers, apply, readiness, share claims).
 * No compatibility guarantees.
 */
package io.kubemin.k8s.internal;
