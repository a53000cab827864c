package io.kubemin.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Damages a JSON tree in place, one random edit at a time, driven by a seeded {@link Random}. */
final class JsonTreeMutator {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] STRINGS = {
    "",
    " ",
    "A",
    "Api",
    "-",
    "web",
    "a-",
    "名前",
    "\u0000",
    "\n",
    "${x}",
    "1e999",
    "0",
    "-1",
    "StepByStep",
    "DAG",
    "persistent",
    "host-mounted",
    "config",
    "configMap",
    "liveness",
    "0s",
    "1h30m",
    "99999999999999999999h",
    "500m",
    "10GB",
    "force",
    "null",
    "true",
    "[]",
    "{}",
    "a".repeat(64),
    "b".repeat(10_000)
  };
  private static final String[] KEYS = {
    "name",
    "type",
    "image",
    "traits",
    "component",
    "workflow",
    "sub_steps",
    "depends_on",
    "storage",
    "sidecar",
    "init",
    "probes",
    "ports",
    "port",
    "env",
    "rules",
    "routes",
    "backend",
    "value_from",
    "timeout",
    "retries",
    "properties",
    "my_trait",
    "unknown_field",
    ""
  };

  private final Random random;

  JsonTreeMutator(Random random) {
    this.random = random;
  }

  /** Applies one random edit; returns the (possibly replaced) root. */
  JsonNode mutate(JsonNode root) {
    List<Slot> slots = new ArrayList<>();
    collect(root, slots);
    if (slots.isEmpty()) {
      return randomValue();
    }
    Slot slot = slots.get(random.nextInt(slots.size()));
    switch (random.nextInt(8)) {
      case 0 -> slot.remove();
      case 1 -> slot.set(NODES.nullNode());
      case 2 -> slot.set(sameKind(slot.get()));
      case 3 -> slot.set(randomValue());
      case 4 -> slot.set(deep(1 + random.nextInt(random.nextInt(4) == 0 ? 1500 : 40)));
      case 5 -> slot.set(random.nextBoolean() ? NODES.arrayNode() : NODES.objectNode());
      case 6 -> slot.set(recursiveModel(1 + random.nextInt(random.nextInt(4) == 0 ? 200 : 10)));
      default -> slot.set(slots.get(random.nextInt(slots.size())).get().deepCopy());
    }
    if (random.nextInt(10) == 0 && root instanceof ObjectNode object) {
      object.set(KEYS[random.nextInt(KEYS.length)], randomValue());
    }
    return root;
  }

  private JsonNode randomValue() {
    return switch (random.nextInt(9)) {
      case 0 -> NODES.textNode(STRINGS[random.nextInt(STRINGS.length)]);
      case 1 -> NODES.numberNode(random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE);
      case 2 -> NODES.numberNode(new BigInteger("1" + "0".repeat(1 + random.nextInt(400))));
      case 3 -> NODES.numberNode(new BigDecimal(random.nextBoolean() ? "1e308" : "-0.5"));
      case 4 ->
          NODES.numberNode(
              new int[] {0, -1, 1, 65535, 65536, Integer.MAX_VALUE}[random.nextInt(6)]);
      case 5 -> NODES.booleanNode(random.nextBoolean());
      case 6 -> NODES.arrayNode().add(STRINGS[random.nextInt(STRINGS.length)]).addNull();
      case 7 -> NODES.objectNode().put(KEYS[random.nextInt(KEYS.length)], random.nextInt());
      default -> NODES.textNode(Integer.toString(random.nextInt()));
    };
  }

  /** A damaging value that the reader still accepts where the old one was. */
  private JsonNode sameKind(JsonNode old) {
    if (old.isTextual()) {
      return NODES.textNode(STRINGS[random.nextInt(STRINGS.length)]);
    }
    if (old.isIntegralNumber()) {
      return NODES.numberNode(new int[] {0, -1, 1, 65536, Integer.MIN_VALUE}[random.nextInt(5)]);
    }
    if (old.isArray()) {
      return random.nextBoolean()
          ? NODES.arrayNode()
          : ((ArrayNode) old.deepCopy())
              .add(old.size() > 0 ? old.get(0).deepCopy() : NODES.textNode("x"));
    }
    return old.isObject() ? NODES.objectNode() : randomValue();
  }

  /** Plain deep nesting of arrays and objects. */
  private JsonNode deep(int depth) {
    JsonNode node = NODES.textNode("x");
    for (int i = 0; i < depth; i++) {
      node = random.nextBoolean() ? NODES.arrayNode().add(node) : NODES.objectNode().set("a", node);
    }
    return node;
  }

  /** Deep nesting through the model's recursive shapes: traits in sidecars, sub-steps in steps. */
  private JsonNode recursiveModel(int depth) {
    boolean steps = random.nextBoolean();
    ObjectNode node = NODES.objectNode().put("name", "leaf");
    for (int i = 0; i < depth; i++) {
      ObjectNode parent = NODES.objectNode().put("name", "n" + i).put("image", "busybox");
      if (steps) {
        parent.set("sub_steps", NODES.arrayNode().add(node));
      } else {
        parent.set(
            "traits",
            NODES.objectNode().set(i % 2 == 0 ? "sidecar" : "init", NODES.arrayNode().add(node)));
      }
      node = parent;
    }
    return node;
  }

  private static void collect(JsonNode node, List<Slot> slots) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        slots.add(new FieldSlot(object, name));
        collect(object.get(name), slots);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        slots.add(new ElementSlot(array, i));
        collect(array.get(i), slots);
      }
    }
  }

  private interface Slot {
    JsonNode get();

    void set(JsonNode value);

    void remove();
  }

  private record FieldSlot(ObjectNode owner, String name) implements Slot {
    public JsonNode get() {
      JsonNode value = owner.get(name);
      return value == null ? NODES.nullNode() : value;
    }

    public void set(JsonNode value) {
      owner.set(name, value);
    }

    public void remove() {
      owner.remove(name);
    }
  }

  private record ElementSlot(ArrayNode owner, int index) implements Slot {
    public JsonNode get() {
      return index < owner.size() ? owner.get(index) : NODES.nullNode();
    }

    public void set(JsonNode value) {
      if (index < owner.size()) {
        owner.set(index, value);
      }
    }

    public void remove() {
      if (index < owner.size()) {
        owner.remove(index);
      }
    }
  }
}
