package io.kubemin.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads and writes the model in the upstream's JSON format (snake_case) or as YAML. Unknown fields
 * are ignored and reported through {@link Parsed#unknownFields()}; malformed input and wrong types
 * become a {@link ModelParseException} with line and column. A key given twice in one object, a
 * YAML alias ({@code *name}) and a document longer than {@link #MAX_DOCUMENT_CHARS} are refused the
 * same way. Thread-safe.
 */
public final class ModelCodec {
  /** The longest document either format reads: 4 MiB of characters (4,194,304). */
  public static final int MAX_DOCUMENT_CHARS = 4 * 1024 * 1024;

  private static final ModelCodec JSON = new ModelCodec(JsonMapper.builder().build(), false);
  private static final ModelCodec YAML =
      new ModelCodec(
          YAMLMapper.builder(
                  YAMLFactory.builder()
                      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                      .loaderOptions(yamlLoaderOptions())
                      .build())
              .build(),
          true);

  private final ObjectMapper mapper;
  private final boolean yaml;

  // For customized(): the mapper is a configured copy already.
  private ModelCodec(ObjectMapper configured, boolean yaml, boolean customized) {
    this.mapper = configured;
    this.yaml = yaml;
  }

  private ModelCodec(ObjectMapper base, boolean yaml) {
    this.yaml = yaml;
    base.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    this.mapper =
        base.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setDefaultPropertyInclusion(
                JsonInclude.Value.construct(
                    JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  private static LoaderOptions yamlLoaderOptions() {
    LoaderOptions options = new LoaderOptions();
    // The size is checked before parsing, the same way for both formats; SnakeYAML's own limit
    // (3 MB by default) must not be the smaller one.
    options.setCodePointLimit(MAX_DOCUMENT_CHARS + 1);
    options.setAllowDuplicateKeys(false);
    return options;
  }

  /** The JSON codec. */
  public static ModelCodec json() {
    return JSON;
  }

  /** The YAML codec (reads JSON too, as YAML is a superset). */
  public static ModelCodec yaml() {
    return YAML;
  }

  /** The codec for a file, chosen by its extension ({@code .yaml}/{@code .yml} or JSON). */
  public static ModelCodec forFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : JSON;
  }

  /**
   * A copy of this codec whose mapper the customizer has changed, such as another property naming
   * for a wire format of its own, serializers for API types or stricter read limits. This codec is
   * left as it is; reading keeps the unknown-field report and the error translation.
   *
   * @param customizer changes a copy of this codec's mapper and returns it
   */
  public ModelCodec customized(java.util.function.UnaryOperator<ObjectMapper> customizer) {
    java.util.Objects.requireNonNull(customizer, "customizer");
    return new ModelCodec(customizer.apply(mapper.copy()), yaml, true);
  }

  /** Reads an application. */
  public Parsed<Application> readApplication(String text) {
    return read(text, Application.class);
  }

  /** Reads a workflow-only body. */
  public Parsed<WorkflowRequest> readWorkflowRequest(String text) {
    return read(text, WorkflowRequest.class);
  }

  /**
   * Reads a file as an application.
   *
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Parsed<Application> readApplication(Path file) {
    try {
      return forFile(file).readApplication(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads any model type. */
  public <T> Parsed<T> read(String text, Class<T> type) {
    if (text == null || text.isBlank()) {
      throw new ModelParseException("", 0, 0, "the document is empty");
    }
    if (text.length() > MAX_DOCUMENT_CHARS) {
      throw new ModelParseException(
          "",
          0,
          0,
          "the document has "
              + text.length()
              + " characters, more than the limit of "
              + MAX_DOCUMENT_CHARS
              + " (4 MiB)");
    }
    List<String> unknown = new ArrayList<>();
    try (JsonParser parser = open(text)) {
      T value =
          mapper.readerFor(type).withHandler(new UnknownFieldRecorder(unknown)).readValue(parser);
      if (value == null) {
        throw new ModelParseException("", 0, 0, "the document is empty");
      }
      // Creator-based records see their unknown properties late; sort for a stable report.
      unknown.sort(null);
      return new Parsed<>(value, unknown);
    } catch (JacksonException e) {
      throw translate(e);
    } catch (IOException e) {
      throw new ModelParseException("", 0, 0, "cannot read the document: " + e.getMessage());
    }
  }

  private JsonParser open(String text) throws IOException {
    JsonParser parser = mapper.createParser(text);
    return yaml ? new AliasRefusingParser(parser) : parser;
  }

  /** Writes a model value (or any Jackson-serialisable value) as a document. */
  public String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  private static ModelParseException translate(JacksonException e) {
    JsonLocation location = e.getLocation();
    int line = location == null ? 0 : Math.max(location.getLineNr(), 0);
    int column = location == null ? 0 : Math.max(location.getColumnNr(), 0);
    String field = "";
    if (e instanceof JsonMappingException mapping) {
      field = path(mapping.getPath());
    }
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      // Map deserialisers wrap it with a shorter path; its own path is the precise one.
      if (t instanceof RefusedAlias alias) {
        JsonLocation at = alias.getLocation();
        return new ModelParseException(
            alias.field,
            at == null ? line : Math.max(at.getLineNr(), 0),
            at == null ? column : Math.max(at.getColumnNr(), 0),
            alias.getOriginalMessage());
      }
    }
    String original = e.getOriginalMessage();
    if (original != null
        && original.startsWith("Duplicate field")
        && e.getProcessor() instanceof JsonParser parser) {
      // The parser's context already holds the repeated name.
      String key = parser.getParsingContext().getCurrentName();
      return new ModelParseException(
          path(parser.getParsingContext(), null),
          line,
          column,
          "the key '" + key + "' is given twice in one object; remove one of them");
    }
    return new ModelParseException(field, line, column, reason(e));
  }

  private static String reason(JacksonException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof IllegalArgumentException && root.getMessage() != null) {
      return root.getMessage();
    }
    String message = e.getOriginalMessage();
    if (message == null) {
      return "invalid document";
    }
    if (message.startsWith("Cannot map `null` into type")) {
      return "a value is required here (null or missing)";
    }
    // Jackson names Java types ("java.lang.Integer"); people wrote JSON, so name JSON types.
    return message
        .replace("`java.lang.Integer`", "an integer")
        .replace("`int`", "an integer")
        .replace("`java.lang.Boolean`", "a boolean")
        .replace("`java.lang.String`", "a string")
        .replace("`java.util.List<java.lang.String>`", "a list of strings")
        .replaceAll("`io\\.kubemin\\.model\\.([A-Za-z$]+)`", "an object ($1)")
        .replaceAll("`java\\.util\\.(List|ArrayList)<[^`]*>`", "a list")
        .replaceAll("`java\\.util\\.(Map|LinkedHashMap)<[^`]*>`", "an object")
        .lines()
        .findFirst()
        .orElse("invalid document");
  }

  static String path(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : references) {
      if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      } else if (reference.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      }
    }
    return path.toString();
  }

  static String path(JsonStreamContext context, String leaf) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.add(0, "[" + c.getCurrentIndex() + "]");
      } else if (c.getCurrentName() != null) {
        parts.add(0, "." + c.getCurrentName());
      }
    }
    StringBuilder path = new StringBuilder();
    parts.forEach(path::append);
    if (leaf != null) {
      path.append('.').append(leaf);
    }
    return path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : path.toString();
  }

  /**
   * Refuses YAML aliases: Jackson reads {@code *name} as the string "name" instead of the anchored
   * value, which would deploy something else than what the document means.
   */
  private static final class AliasRefusingParser extends JsonParserDelegate {
    AliasRefusingParser(JsonParser parser) {
      super(parser);
    }

    @Override
    public JsonToken nextToken() throws IOException {
      JsonToken token = delegate.nextToken();
      if (token != null
          && delegate instanceof YAMLParser yamlParser
          && yamlParser.isCurrentAlias()) {
        // An IOException passes through the deserialisers unwrapped, keeping path and position.
        throw new RefusedAlias(
            delegate,
            path(delegate.getParsingContext(), null),
            "YAML aliases (*"
                + delegate.getText()
                + ") are not supported; write the value out in full");
      }
      return token;
    }

    @Override
    public JsonToken nextValue() throws IOException {
      JsonToken token = nextToken();
      return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }
  }

  /** A YAML alias was found where a value was expected. */
  private static final class RefusedAlias extends JsonParseException {
    private static final long serialVersionUID = 1L;

    private final String field;

    RefusedAlias(JsonParser parser, String field, String message) {
      super(parser, message);
      this.field = field;
    }
  }

  /** Skips unknown properties and remembers where they were. */
  private static final class UnknownFieldRecorder extends DeserializationProblemHandler {
    private final List<String> unknown;

    UnknownFieldRecorder(List<String> unknown) {
      this.unknown = unknown;
    }

    @Override
    public boolean handleUnknownProperty(
        DeserializationContext context,
        JsonParser parser,
        JsonDeserializer<?> deserializer,
        Object beanOrClass,
        String propertyName)
        throws IOException {
      // The parser sits on the property name, or already inside the property's object/array value.
      JsonStreamContext owner = parser.getParsingContext();
      if (parser.currentToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT
          || parser.currentToken() == com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
        owner = owner.getParent();
      }
      // Buffered (creator-based) parsing may repeat the property's name on the value's context.
      while (owner.getParent() != null
          && owner.inObject()
          && owner.getParent().inObject()
          && propertyName.equals(owner.getCurrentName())
          && propertyName.equals(owner.getParent().getCurrentName())) {
        owner = owner.getParent();
      }
      unknown.add(path(owner, null));
      parser.skipChildren();
      return true;
    }
  }
}
