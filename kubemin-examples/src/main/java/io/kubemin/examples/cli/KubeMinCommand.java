package io.kubemin.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** The {@code kubemin} command: a holder for the subcommands, one class each. */
@Command(
    name = "kubemin",
    mixinStandardHelpOptions = true,
    version = "kubemin 0.1.0",
    description = "Delivers applications to Kubernetes through a persistent workflow engine.",
    subcommands = {
      ValidateCommand.class,
      RenderCommand.class,
      BenchCommand.class,
      DemoCommand.class,
      DeployCommand.class,
      ServeCommand.class,
      RevisionsCommand.class,
      RollbackCommand.class,
      PlanCommand.class
    })
public final class KubeMinCommand implements Runnable {
  /** Exit code when a command could not run: bad input, unexpected failure. */
  public static final int EXIT_CANNOT_RUN = 2;

  @Spec private CommandSpec spec;

  /** Without a subcommand there is nothing to do: a usage error. */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing a command, such as 'validate'");
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line as {@link #main} runs it: a failure prints one line, never a stack trace. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new KubeMinCommand());
    commandLine.setExecutionExceptionHandler(KubeMinCommand::printOneLine);
    return commandLine;
  }

  private static int printOneLine(Exception e, CommandLine commandLine, ParseResult parsed) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    commandLine.getErr().println("kubemin: " + oneLine(message));
    return EXIT_CANNOT_RUN;
  }

  /** Keeps a message on one line. */
  static String oneLine(String message) {
    return message.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
