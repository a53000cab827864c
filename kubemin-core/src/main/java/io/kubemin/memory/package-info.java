/**
 * API: the in-memory store and queue for local mode, tests and demos (provider type {@code
 * memory}).
 */
package io.kubemin.memory;
