package io.kubemin.model;

import java.util.List;

/**
 * A probe that runs a command in the container.
 *
 * @param command the command and its arguments
 */
public record ExecAction(List<String> command) {
  public ExecAction {
    command = Immutables.list(command);
  }
}
