package io.kubemin.internal.plan;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemin.spi.JobKind;

/**
 * One rendered object of a component.
 *
 * @param componentName the component
 * @param kind its kind (and band)
 * @param object the object
 */
public record ObjectToApply(String componentName, JobKind kind, HasMetadata object) {}
