/** KubeMin store-mysql. */
package io.kubemin.store.mysql;
