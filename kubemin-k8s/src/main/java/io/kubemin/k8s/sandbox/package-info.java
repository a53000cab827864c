/**
 * API: {@link io.kubemin.k8s.sandbox.KubeSandbox}, an in-process Kubernetes API for demos and tests
 * (needs {@code io.fabric8:kubernetes-server-mock} on the class path).
 */
package io.kubemin.k8s.sandbox;
