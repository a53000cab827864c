package io.kubemin.model;

/**
 * A key of a named ConfigMap or Secret.
 *
 * @param name the object name
 * @param key the key inside it
 */
public record KeyReference(String name, String key) {}
