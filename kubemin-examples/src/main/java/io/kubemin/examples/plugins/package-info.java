/**
 * Plugins shipped with the examples (and so in {@code kubemin.jar}), found through {@link
 * java.util.ServiceLoader}: the {@code cronjob} component type and the {@code autoscaler} trait.
 * Each is a complete example of its extension point; {@code docs/plugins.md} walks through them.
 */
package io.kubemin.examples.plugins;
