package io.kubemin.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.ApplicationNotFoundException;
import io.kubemin.error.KubeMinException;
import io.kubemin.error.ValidationError;
import io.kubemin.examples.rest.ErrorResponses.Envelope;
import io.kubemin.spi.DataStoreException;
import io.kubemin.validation.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {

  @Test
  void aKubeMinExceptionAnswersWithItsStatusAndBusinessCode() {
    RestResponse response = ErrorResponses.of(new ApplicationNotFoundException("abc"), "GET /x");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body())
        .isEqualTo(new Envelope(null, 10005, "application 'abc' does not exist", null));
  }

  @Test
  void aValidationFailureCarriesEveryError() {
    ValidationError error = new ValidationError("name", "INVALID_NAME_FORMAT", "bad");
    RestResponse response =
        ErrorResponses.of(new ValidationException(List.of(error)), "POST /applications");

    assertThat(response.status()).isEqualTo(400);
    Envelope envelope = (Envelope) response.body();
    assertThat(envelope.businessCode()).isEqualTo(10020);
    assertThat(envelope.errors()).containsExactly(error);
    assertThat(envelope.httpCode()).isNull();
  }

  @Test
  void aServerErrorOfTheLibraryKeepsItsMessageWithoutCredentials() {
    RestResponse response =
        ErrorResponses.of(
            new KubeMinException(
                "cannot connect to jdbc:mysql://root:s3cret@db:3306/k?password=s3cret",
                null,
                502,
                502) {
              private static final long serialVersionUID = 1L;
            },
            "GET /applications");

    Envelope envelope = (Envelope) response.body();
    assertThat(response.status()).isEqualTo(502);
    assertThat(envelope.httpCode()).isEqualTo(502);
    assertThat(envelope.businessCode()).isEqualTo(502);
    assertThat(envelope.message())
        .isEqualTo("cannot connect to jdbc:mysql://root:***@db:3306/k?password=***");
  }

  @Test
  void aStoreFailureNamesNeitherColumnNorSqlStateNorConnection() {
    RestResponse response =
        ErrorResponses.of(
            new DataStoreException(
                "put application: Data too long for column 'alias' at row 1",
                new java.sql.SQLDataException(
                    "(conn=1234) Data too long for column 'alias'", "22001")),
            "POST /applications");

    Envelope envelope = (Envelope) response.body();
    assertThat(response.status()).isEqualTo(500);
    assertThat(envelope.message())
        .startsWith("the store failed (reference ")
        .doesNotContain("alias", "22001", "conn", "column", "SQL");
  }

  @Test
  void anUnexpectedErrorHidesItsTextBehindAReference() {
    RestResponse response =
        ErrorResponses.of(new IllegalStateException("token=abc leaked"), "GET /applications");

    Envelope envelope = (Envelope) response.body();
    assertThat(response.status()).isEqualTo(500);
    assertThat(envelope.message()).startsWith("internal error (reference ").doesNotContain("abc");
  }
}
