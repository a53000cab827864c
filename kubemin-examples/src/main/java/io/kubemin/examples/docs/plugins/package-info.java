/**
 * The samples of {@code docs/plugins.md}, compiled and tested as written: one small plugin of each
 * kind (trait, policy, component type, job executor, store and queue provider).
 */
package io.kubemin.examples.docs.plugins;
