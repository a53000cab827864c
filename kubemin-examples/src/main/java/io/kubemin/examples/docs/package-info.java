/** Code shown in {@code docs/}, compiled and tested here. Examples, not API. */
package io.kubemin.examples.docs;
