/** Code shown in the docs/ pages, compiled so that it stays true. */
package io.kubemin.examples.docs;
