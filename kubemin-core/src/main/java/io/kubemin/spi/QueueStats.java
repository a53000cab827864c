package io.kubemin.spi;

/**
 * Depth of a queue for one consumer group.
 *
 * @param backlog messages not yet delivered to the group (or, where the broker cannot tell, its
 *     best estimate such as consumer lag)
 * @param pending messages delivered and not yet acknowledged
 * @param deadLettered messages moved to the dead-letter destination so far
 */
public record QueueStats(long backlog, long pending, long deadLettered) {}
