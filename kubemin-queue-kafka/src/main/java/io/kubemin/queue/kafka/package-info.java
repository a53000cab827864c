/** KubeMin queue-kafka. */
package io.kubemin.queue.kafka;
