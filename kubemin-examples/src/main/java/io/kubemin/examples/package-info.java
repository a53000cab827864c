/** KubeMin examples. */
package io.kubemin.examples;
