package io.kubemin.examples.cli;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The OpenTelemetry SDK of {@code kubemin serve --otlp-endpoint}: spans batched and exported over
 * OTLP/HTTP (protobuf) to {@code <endpoint>/v1/traces}, as service {@code kubemin}.
 */
final class OtlpTracing {
  /** The path OTLP/HTTP receivers take traces on. */
  static final String TRACES_PATH = "/v1/traces";

  private OtlpTracing() {}

  /**
   * An SDK exporting to {@code endpoint} (close it to flush).
   *
   * @param endpoint the collector's base URL, such as {@code http://localhost:4318}; a URL that
   *     already ends with {@value #TRACES_PATH} is used as it is
   * @throws IllegalArgumentException when endpoint is not an http or https URL
   */
  static OpenTelemetrySdk open(String endpoint, String instanceId) {
    String traces = tracesUrl(endpoint);
    Resource resource =
        Resource.getDefault()
            .merge(
                Resource.create(
                    Attributes.builder()
                        .put("service.name", "kubemin")
                        .put("service.instance.id", instanceId)
                        .build()));
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(resource)
            .addSpanProcessor(
                BatchSpanProcessor.builder(
                        OtlpHttpSpanExporter.builder().setEndpoint(traces).build())
                    .build())
            .build();
    return OpenTelemetrySdk.builder()
        .setTracerProvider(provider)
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
  }

  /** The URL spans are posted to. */
  static String tracesUrl(String endpoint) {
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null
        || uri.getHost() == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException(
          "--otlp-endpoint must be an http:// or https:// URL such as http://localhost:4318, got '"
              + endpoint
              + "'");
    }
    String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    return base.endsWith(TRACES_PATH) ? base : base + TRACES_PATH;
  }
}
