package io.kubemin.model;

/**
 * How often a failed step is tried again.
 *
 * @param limit extra attempts after the first (0 = none)
 * @param backoff delay before the first retry, a duration such as {@code 2s}; doubles per retry
 */
public record RetrySpec(Integer limit, String backoff) {}
