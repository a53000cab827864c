/**
 * API: what a deploy would change on the cluster, object by object ({@code KubeMin.plan}), and the
 * preview an executor gives of one object.
 */
package io.kubemin.plan;
