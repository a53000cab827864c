package io.kubemin.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.model.Application;
import io.kubemin.model.ModelCodec;
import io.kubemin.testing.UpstreamExamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every valid upstream example renders to the YAML under {@code src/test/resources/golden}. Run
 * with {@code -Dkubemin.golden.update=true} to rewrite the files, then review the diff like code.
 */
class GoldenRenderTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final boolean UPDATE = Boolean.getBoolean("kubemin.golden.update");

  static Stream<Path> validExamples() throws IOException {
    List<Path> valid =
        UpstreamExamples.applications().stream().filter(GoldenRenderTest::expectsNoErrors).toList();
    assertThat(valid).hasSizeGreaterThanOrEqualTo(9);
    return valid.stream();
  }

  @ParameterizedTest
  @MethodSource("validExamples")
  void rendersLikeTheGoldenFile(Path example) throws IOException {
    Application application = ModelCodec.readApplication(example).value();
    Renderer renderer = Renderer.builder().discoverTraitProcessors(false).build();

    String yaml = renderer.render(application).toYaml(false);

    assertThat(renderer.render(application).toYaml(false)).isEqualTo(yaml);
    Path golden = GOLDEN.resolve(goldenName(example));
    if (UPDATE) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, yaml);
    }
    assertThat(golden).exists();
    assertThat(yaml).isEqualTo(Files.readString(golden));
  }

  private static String goldenName(Path example) {
    String file = example.getFileName().toString().replaceFirst("\\.json$", ".yaml");
    return example.getParent().getFileName() + "/" + file;
  }

  private static boolean expectsNoErrors(Path example) {
    try {
      return !Files.readString(example).contains("_expected_errors");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
