/**
 * Internal, no compatibility guarantees: the poll threads, delivery bookkeeping and admin calls
 * behind {@link io.kubemin.queue.kafka.KafkaQueue}.
 */
package io.kubemin.queue.kafka.internal;
