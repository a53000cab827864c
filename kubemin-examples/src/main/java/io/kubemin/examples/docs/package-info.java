/**
 * The code samples of README.md and docs/, kept as classes so the build compiles them and tests run
 * them; {@code DocsSamplesTest} checks that each page shows its class as it is.
 */
package io.kubemin.examples.docs;
