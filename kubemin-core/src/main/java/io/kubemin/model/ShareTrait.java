package io.kubemin.model;

/**
 * Marks a component's objects as shared between applications ({@code traits.share}).
 *
 * @param strategy {@code default} (skip when a shared object exists), {@code ignore} (never apply)
 *     or {@code force} (always apply); empty means default
 */
public record ShareTrait(String strategy) {}
