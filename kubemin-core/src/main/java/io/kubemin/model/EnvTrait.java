package io.kubemin.model;

/**
 * One environment variable with a value source ({@code traits.envs[]}).
 *
 * @param name variable name
 * @param valueFrom where the value comes from
 */
public record EnvTrait(String name, EnvValueSource valueFrom) {}
