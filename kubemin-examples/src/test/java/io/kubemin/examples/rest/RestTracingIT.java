package io.kubemin.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.KubeMin;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.testsupport.TraceRecorder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST server's spans: a child of the caller's traceparent, named by route, with status. */
class RestTracingIT {
  private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN = "00f067aa0ba902b7";

  private final TraceRecorder traces = new TraceRecorder();
  private final HttpClient http = HttpClient.newHttpClient();
  private KubeMin kubemin;
  private RestServer server;

  @BeforeEach
  void start() throws Exception {
    kubemin = KubeMin.builder().jobExecutor(new RecordingJobExecutor()).build();
    kubemin.start();
    server =
        RestServer.start(
            kubemin,
            new InetSocketAddress("127.0.0.1", 0),
            List.of(),
            RestSettings.builder().tracing(traces.openTelemetry()).build());
  }

  @AfterEach
  void stop() {
    server.close();
    kubemin.close();
    traces.close();
  }

  @Test
  void aRequestWithATraceparentIsAServerSpanInTheCallersTrace() throws Exception {
    HttpResponse<String> answer =
        send("/api/v1/applications/nosuchapp", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01");

    assertThat(answer.statusCode()).isEqualTo(404);
    SpanData span = traces.await(s -> s.getKind() == SpanKind.SERVER);
    assertThat(span.getTraceId()).isEqualTo(CALLER_TRACE);
    assertThat(span.getParentSpanId()).isEqualTo(CALLER_SPAN);
    assertThat(span.getName()).isEqualTo("GET /api/v1/applications/:appID");
    assertThat(TraceRecorder.attribute(span, "http.route"))
        .isEqualTo("/api/v1/applications/:appID");
    assertThat(TraceRecorder.longAttribute(span, "http.response.status_code")).isEqualTo(404L);
    assertThat(span.getStatus().getStatusCode())
        .as("a client error is not the server's failure")
        .isEqualTo(StatusCode.UNSET);
  }

  @Test
  void aRequestWithoutOneStartsATraceAndAnUnknownPathIsNamedByItsMethod() throws Exception {
    HttpResponse<String> answer = send("/api/v1/no/such/route", null);

    assertThat(answer.statusCode()).isEqualTo(404);
    SpanData span = traces.await(s -> s.getKind() == SpanKind.SERVER);
    assertThat(span.getParentSpanContext().isValid()).isFalse();
    assertThat(span.getName()).isEqualTo("GET");
    assertThat(TraceRecorder.attribute(span, "http.route")).isNull();
    assertThat(TraceRecorder.attribute(span, "url.path")).isEqualTo("/api/v1/no/such/route");
  }

  private HttpResponse<String> send(String path, String traceparent) throws Exception {
    InetSocketAddress address = server.address();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + path));
    if (traceparent != null) {
      request.header("traceparent", traceparent);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
