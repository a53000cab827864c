/** KubeMin core. */
package io.kubemin;
