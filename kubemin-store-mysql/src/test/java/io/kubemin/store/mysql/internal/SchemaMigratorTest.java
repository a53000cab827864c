package io.kubemin.store.mysql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SchemaMigratorTest {

  @Test
  void everyScriptInTheJarIsListedInVersionOrder() throws IOException {
    Path directory = Path.of("src/main/resources", SchemaMigrator.LOCATION);
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(SchemaMigrator.SCRIPTS);
    }
    assertThat(SchemaMigrator.SCRIPTS)
        .extracting(SchemaMigrator::version)
        .isSorted()
        .doesNotHaveDuplicates();
  }

  @Test
  void scriptsAreOutsideFlywaysDefaultLocation() {
    assertThat(SchemaMigrator.LOCATION).doesNotStartWith("db/migration");
  }
}
