/** KubeMin queue-redis. */
package io.kubemin.queue.redis;
