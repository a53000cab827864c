package io.kubemin.examples.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;

/**
 * A model value written in the reply's dialect without the empty lists and objects the model fills
 * in ({@code properties} and {@code traits} of a component).
 *
 * @param model the value
 */
@JsonSerialize(using = Compact.Writer.class)
record Compact(Object model) {
  /** Writes the value with the reply's own mapper (so its naming), then prunes it. */
  static final class Writer extends StdSerializer<Compact> {
    private static final long serialVersionUID = 1L;

    Writer() {
      super(Compact.class);
    }

    @Override
    public void serialize(Compact value, JsonGenerator out, SerializerProvider provider)
        throws IOException {
      TokenBuffer buffer = new TokenBuffer(out.getCodec(), false);
      provider.defaultSerializeValue(value.model(), buffer);
      JsonNode tree = buffer.asParser(out.getCodec()).readValueAsTree();
      ApplicationJson.prune(tree);
      out.writeTree(tree);
    }
  }
}
