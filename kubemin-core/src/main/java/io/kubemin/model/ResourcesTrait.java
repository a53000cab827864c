package io.kubemin.model;

/**
 * Compute resources, set as both request and limit ({@code traits.resources}).
 *
 * @param cpu CPU quantity such as {@code 500m}
 * @param memory memory quantity such as {@code 512Mi}
 * @param gpu number of {@code nvidia.com/gpu}
 */
public record ResourcesTrait(String cpu, String memory, String gpu) {}
