/**
 * The {@code kubemin} command line: {@link io.kubemin.examples.cli.KubeMinCommand} and one class
 * per subcommand. The only place in KubeMin that prints or exits.
 */
package io.kubemin.examples.cli;
