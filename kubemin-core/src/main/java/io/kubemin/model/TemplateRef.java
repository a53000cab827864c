package io.kubemin.model;

/**
 * Reference from a component to a component of a template application.
 *
 * @param id the template application id
 * @param target the component of the template to clone
 */
public record TemplateRef(String id, String target) {}
