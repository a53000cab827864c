package io.kubemin.examples.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.kubemin.error.ValidationError;
import io.kubemin.model.ModelCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The serialization of one {@link ApiDialect}: the codec that reads request bodies and the writer
 * of replies. The upstream dialect writes bodies as they are (snake_case); the console dialect
 * writes every reply as {@code {"code", "message", "data"}} with camelCase keys and validation
 * errors as {@code "field: message"} strings.
 */
final class WireFormat {
  private final ApiDialect dialect;
  private final ModelCodec codec;

  private WireFormat(ApiDialect dialect, ModelCodec codec) {
    this.dialect = dialect;
    this.codec = codec;
  }

  static WireFormat of(ApiDialect dialect, int maxJsonDepth) {
    ModelCodec codec =
        ModelCodec.json()
            .customized(
                mapper -> {
                  limitDepth(mapper, maxJsonDepth);
                  if (dialect == ApiDialect.CONSOLE) {
                    mapper.setPropertyNamingStrategy(new ConsoleNaming());
                    mapper.registerModule(
                        new SimpleModule("console-errors")
                            .addSerializer(ValidationError.class, new ErrorAsText()));
                  }
                  return mapper;
                });
    return new WireFormat(dialect, codec);
  }

  private static void limitDepth(ObjectMapper mapper, int maxJsonDepth) {
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(maxJsonDepth).build());
  }

  ApiDialect dialect() {
    return dialect;
  }

  /** Reads request bodies. */
  ModelCodec codec() {
    return codec;
  }

  /** The bytes of a reply's body. */
  byte[] write(RestResponse response) {
    Object body = dialect == ApiDialect.CONSOLE ? envelope(response) : response.body();
    return codec.write(body).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The console's envelope: {@code code} 0 on success; on failure the business code, the message
   * and the validation errors (as strings) in {@code data.errors}.
   *
   * @param code 0, or the business code of a failure
   * @param message what happened
   * @param data the payload, or the details of a failure
   */
  record ConsoleEnvelope(int code, String message, Object data) {}

  private ConsoleEnvelope envelope(RestResponse response) {
    Object body = response.body();
    if (body instanceof ErrorResponses.Envelope error) {
      return new ConsoleEnvelope(
          error.businessCode(),
          error.message(),
          error.errors() == null ? null : Map.of("errors", error.errors()));
    }
    if (response.status() < 300) {
      return new ConsoleEnvelope(0, "success", body);
    }
    return new ConsoleEnvelope(response.status(), messageOf(body, response.status()), body);
  }

  private String messageOf(Object body, int status) {
    JsonNode tree = ApplicationJson.compact(body);
    for (String key : new String[] {"message", "error", "status"}) {
      if (tree.path(key).isTextual() && !tree.path(key).asText().isBlank()) {
        return tree.path(key).asText();
      }
    }
    return "request failed with HTTP status " + status;
  }

  /** A validation error as the console shows it: {@code "field: message"}. */
  private static final class ErrorAsText extends StdSerializer<ValidationError> {
    private static final long serialVersionUID = 1L;

    ErrorAsText() {
      super(ValidationError.class);
    }

    @Override
    public void serialize(ValidationError error, JsonGenerator out, SerializerProvider provider)
        throws IOException {
      out.writeString(
          error.field().isEmpty() ? error.message() : error.field() + ": " + error.message());
    }
  }
}
