package io.kubemin.store.mysql.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

  @Test
  void h2UrlsGetMySqlModeLowerCaseNamesAndAMemoryDatabaseStaysOpen() {
    assertThat(JdbcUrls.normalize("jdbc:h2:mem:kubemin"))
        .isEqualTo("jdbc:h2:mem:kubemin;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    assertThat(JdbcUrls.normalize("jdbc:h2:file:./target/demo"))
        .isEqualTo("jdbc:h2:file:./target/demo;MODE=MySQL;DATABASE_TO_LOWER=TRUE");
  }

  @Test
  void h2OptionsThatAreAlreadySetAreKept() {
    String url = "jdbc:h2:mem:x;mode=mysql;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=10";
    assertThat(JdbcUrls.normalize(url)).isEqualTo(url);
  }

  @Test
  void otherDialectsAreLeftAsTheyAre() {
    String url = "jdbc:mariadb://db:3306/kubemin?user=app";
    assertThat(JdbcUrls.normalize("  " + url + " ")).isEqualTo(url);
  }

  @Test
  void unusableUrlsAreRefusedNamingTheRule() {
    assertThatThrownBy(() -> JdbcUrls.normalize(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("uri");
    assertThatThrownBy(() -> JdbcUrls.normalize("mysql://db/kubemin"))
        .hasMessageContaining("must start with jdbc:");
    assertThatThrownBy(() -> JdbcUrls.normalize("jdbc:h2:mem:"))
        .hasMessageContaining("needs a database name");
    assertThatThrownBy(() -> JdbcUrls.normalize("jdbc:h2:mem:x;MODE=PostgreSQL"))
        .hasMessageContaining("MODE=MySQL");
    assertThatThrownBy(() -> JdbcUrls.normalize("jdbc:mysql://db/k?useAffectedRows=true"))
        .hasMessageContaining("useAffectedRows");
  }

  @Test
  void passwordsAreMasked() {
    assertThat(JdbcUrls.mask("jdbc:mariadb://db/k?user=app&password=s3cret&ssl=true"))
        .isEqualTo("jdbc:mariadb://db/k?user=app&password=****&ssl=true");
    assertThat(JdbcUrls.mask("jdbc:h2:file:/x;USER=sa;PASSWORD=s3cret"))
        .isEqualTo("jdbc:h2:file:/x;USER=sa;PASSWORD=****");
    assertThat(JdbcUrls.mask("jdbc:mysql://app:s3cret@db:3306/k"))
        .isEqualTo("jdbc:mysql://app:****@db:3306/k");
    assertThat(JdbcUrls.mask("jdbc:mysql://db:3306/k")).isEqualTo("jdbc:mysql://db:3306/k");
  }

  @Test
  void missingDriversNameTheirArtifact() {
    assertThat(JdbcUrls.driverArtifact("jdbc:mariadb://x/y"))
        .isEqualTo("org.mariadb.jdbc:mariadb-java-client");
    assertThat(JdbcUrls.driverArtifact("jdbc:mysql://x/y"))
        .isEqualTo("com.mysql:mysql-connector-j");
    assertThat(JdbcUrls.driverArtifact("jdbc:h2:mem:x")).isEqualTo("com.h2database:h2");
  }
}
