/** Leader election through a shared store (not public API). */
package io.kubemin.internal.election;
