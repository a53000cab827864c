package io.kubemin.model;

/**
 * Imports every key of a ConfigMap or Secret as environment variables ({@code traits.env_from[]}).
 *
 * @param type {@code config} or {@code configMap} (both a ConfigMap), or {@code secret}
 * @param sourceName name of the ConfigMap or Secret
 */
public record EnvFromTrait(String type, String sourceName) {}
