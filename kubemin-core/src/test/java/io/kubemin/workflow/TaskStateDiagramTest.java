package io.kubemin.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Mermaid state diagram of docs/lifecycle.md names exactly the values of {@link TaskStatus}:
 * its final states are the terminal ones, and they lead nowhere else.
 */
class TaskStateDiagramTest {
  private static final Path PAGE = Path.of("..", "docs", "lifecycle.md");
  private static final Pattern TRANSITION =
      Pattern.compile("^\\s*(\\[\\*]|\\w+)\\s*-->\\s*(\\[\\*]|\\w+)\\s*(?::.*)?$");

  private record Transition(String from, String to) {}

  private static List<Transition> diagram() throws IOException {
    List<String> lines = Files.readAllLines(PAGE, StandardCharsets.UTF_8);
    int start = lines.indexOf("```mermaid");
    assertThat(start).as("a ```mermaid block in " + PAGE).isNotNegative();
    assertThat(lines.get(start + 1).strip()).isEqualTo("stateDiagram-v2");
    List<String> body =
        lines.subList(start + 2, lines.subList(start + 1, lines.size()).indexOf("```") + start + 1);
    return body.stream()
        .filter(line -> !line.isBlank())
        .map(
            line -> {
              Matcher matcher = TRANSITION.matcher(line);
              assertThat(matcher.matches()).as("a transition: " + line).isTrue();
              return new Transition(matcher.group(1), matcher.group(2));
            })
        .toList();
  }

  @Test
  void theDiagramNamesEveryTaskStatusAndNothingElse() throws IOException {
    Set<String> states = new HashSet<>();
    diagram()
        .forEach(
            t -> {
              states.add(t.from());
              states.add(t.to());
            });
    states.remove("[*]");

    assertThat(states)
        .isEqualTo(
            Arrays.stream(TaskStatus.values())
                .map(TaskStatus::jsonName)
                .collect(Collectors.toSet()));
  }

  @Test
  void finalStatesAreTheTerminalOnesAndLeadNowhere() throws IOException {
    List<Transition> transitions = diagram();
    Set<String> ending =
        transitions.stream()
            .filter(t -> t.to().equals("[*]"))
            .map(Transition::from)
            .collect(Collectors.toSet());
    Set<String> leaving =
        transitions.stream()
            .filter(t -> !t.to().equals("[*]") && !t.from().equals("[*]"))
            .map(Transition::from)
            .collect(Collectors.toSet());

    Set<String> terminal =
        Arrays.stream(TaskStatus.values())
            .filter(TaskStatus::terminal)
            .map(TaskStatus::jsonName)
            .collect(Collectors.toSet());
    assertThat(ending).isEqualTo(terminal);
    assertThat(leaving).doesNotContainAnyElementsOf(terminal);
    assertThat(TaskStatus.SUSPENDED.active()).isTrue();
    assertThat(leaving).contains("suspended");
  }
}
