package io.kubemin.store.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MySqlSettingsTest {

  @Test
  void defaultsAreTheDocumentedConstants() {
    MySqlSettings settings = MySqlSettings.defaults();
    assertThat(settings.poolSize()).isEqualTo(MySqlSettings.DEFAULT_POOL_SIZE);
    assertThat(settings.connectionTimeout()).isEqualTo(MySqlSettings.DEFAULT_CONNECTION_TIMEOUT);
    assertThat(settings.migrationLockTimeout())
        .isEqualTo(MySqlSettings.DEFAULT_MIGRATION_LOCK_TIMEOUT);
    assertThat(settings.migrate()).isTrue();
    assertThat(settings.user()).isNull();
  }

  @Test
  void valuesOutsideTheirLimitsAreRefusedNamingTheSetting() {
    assertThatThrownBy(() -> MySqlSettings.builder().poolSize(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("poolSize must be between 2 and 1000");
    assertThatThrownBy(() -> MySqlSettings.builder().connectionTimeout(Duration.ofMillis(10)))
        .hasMessageContaining("connectionTimeout must be at least 250 ms");
    assertThatThrownBy(() -> MySqlSettings.builder().migrationLockTimeout(Duration.ZERO))
        .hasMessageContaining("migrationLockTimeout");
  }

  @Test
  void thePasswordNeverAppearsInText() {
    MySqlSettings settings = MySqlSettings.builder().user("app").password("s3cret").build();
    assertThat(settings.toString()).contains("user=app").doesNotContain("s3cret");
  }
}
