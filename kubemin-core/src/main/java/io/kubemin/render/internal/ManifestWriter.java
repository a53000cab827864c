package io.kubemin.render.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.RenderedObject;
import java.util.List;

/**
 * Writes rendered objects as kubectl-style manifests with Jackson 2: {@code apiVersion}, {@code
 * kind}, {@code metadata}, {@code spec}; no nulls, no empty maps or lists; map keys sorted, so the
 * same objects always give the same bytes. Secret values are masked unless asked for.
 */
public final class ManifestWriter {
  /** What a masked Secret value reads as. */
  public static final String MASK = "***";

  private static final ObjectMapper TREE =
      JsonMapper.builder()
          .addModule(new KubernetesModelModule())
          .defaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_EMPTY, JsonInclude.Include.USE_DEFAULTS))
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  private static final ObjectMapper YAML =
      YAMLMapper.builder(
              YAMLFactory.builder()
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .enable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .stringQuotingChecker(new Yaml11QuotingChecker())
                  .build())
          .build();

  private static final DefaultPrettyPrinter JSON_PRINTER =
      new DefaultPrettyPrinter(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private ManifestWriter() {}

  /** Multi-document YAML, one document per object. */
  public static String yaml(List<RenderedObject> objects, boolean showSecrets) {
    StringBuilder out = new StringBuilder();
    for (RenderedObject object : objects) {
      out.append(write(YAML, tree(object, showSecrets)));
    }
    return out.toString();
  }

  /** A JSON array of the objects, ending with a newline. */
  public static String json(List<RenderedObject> objects, boolean showSecrets) {
    ArrayNode array = TREE.createArrayNode();
    objects.forEach(o -> array.add(tree(o, showSecrets)));
    try {
      return TREE.writer(JSON_PRINTER).writeValueAsString(array) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write rendered objects as JSON", e);
    }
  }

  /** The object as a JSON tree (masked unless {@code showSecrets}). */
  public static ObjectNode tree(RenderedObject object, boolean showSecrets) {
    ObjectNode tree = TREE.valueToTree(object.object());
    if (!showSecrets && object.kind() == JobKind.SECRET) {
      mask(tree.get("data"));
      mask(tree.get("stringData"));
    }
    return tree;
  }

  private static void mask(JsonNode values) {
    if (values instanceof ObjectNode map) {
      List<String> keys = new java.util.ArrayList<>();
      map.fieldNames().forEachRemaining(keys::add);
      keys.forEach(key -> map.put(key, MASK));
    }
  }

  private static String write(ObjectMapper mapper, JsonNode tree) {
    try {
      return mapper.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write rendered objects as YAML", e);
    }
  }
}
