package io.kubemin.model;

/**
 * A path rewrite, rendered as nginx ingress annotations.
 *
 * @param type {@code regex}/{@code regexReplace} turn on regex paths
 * @param match the pattern (informational)
 * @param replacement the rewrite target
 */
public record IngressRewrite(String type, String match, String replacement) {}
