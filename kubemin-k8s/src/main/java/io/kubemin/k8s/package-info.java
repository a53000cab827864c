/** KubeMin k8s. */
package io.kubemin.k8s;
