package io.kubemin.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class KubeMinCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private CommandLine capture(CommandLine commandLine) {
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine;
  }

  @Test
  void noCommandIsAUsageError() {
    int exit = capture(new CommandLine(new KubeMinCommand())).execute();

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("Missing a command", "validate");
  }

  @Test
  void helpListsTheCommandsAndVersionIsTheRelease() {
    CommandLine commandLine = capture(new CommandLine(new KubeMinCommand()));

    assertThat(commandLine.execute("--help")).isZero();
    assertThat(out.toString()).contains("Usage: kubemin", "validate");
    assertThat(commandLine.execute("--version")).isZero();
    assertThat(out.toString()).contains("kubemin 0.1.0");
  }

  @Test
  void everyCommandsHelpFormatsWithoutWarnings() {
    // picocli reports a help text it cannot format (a bare '%') on System.err, not on the
    // command's own writer, and then prints the text unformatted.
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    PrintStream systemErr = System.err;
    System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
    try {
      for (String command : KubeMinCommand.commandLine().getSubcommands().keySet()) {
        assertThat(capture(KubeMinCommand.commandLine()).execute(command, "--help"))
            .as(command + " --help")
            .isZero();
      }
    } finally {
      System.setErr(systemErr);
    }

    assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(out.toString()).contains("Usage: kubemin bench", "under 5% of the time");
  }

  @Test
  void failuresPrintOneLineNeverAStackTrace() {
    CommandLine commandLine = KubeMinCommand.commandLine().addSubcommand("explode", new Explode());
    capture(commandLine);

    int exit = commandLine.execute("explode");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().lines()).containsExactly("kubemin: boom second line");
  }

  @Command(name = "explode")
  static final class Explode implements Runnable {
    @Override
    public void run() {
      throw new IllegalStateException("boom\nsecond line");
    }
  }
}
