/**
 * API: a {@link io.kubemin.spi.Queue} on Apache Kafka ({@link io.kubemin.queue.kafka.KafkaQueue},
 * provider type {@code kafka}) for running KubeMin's distributed mode where Kafka is at hand.
 */
package io.kubemin.queue.kafka;
