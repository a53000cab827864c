package io.kubemin.examples.rest;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parse errors in JSON words: no Jackson token names or Java class names reach a reply. */
final class ParseErrors {
  private static final Pattern TOKEN = Pattern.compile("`?(?:JsonToken\\.)([A-Z_]+)`?");
  private static final Pattern JAVA_TYPE =
      Pattern.compile("`?(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:<[^>`]*>)?`?");
  private static final Map<String, String> TOKENS =
      Map.of(
          "VALUE_STRING", "a string",
          "VALUE_NUMBER_INT", "a number",
          "VALUE_NUMBER_FLOAT", "a number",
          "VALUE_TRUE", "a boolean",
          "VALUE_FALSE", "a boolean",
          "VALUE_NULL", "null",
          "START_OBJECT", "an object",
          "START_ARRAY", "a list",
          "END_OBJECT", "the end of an object",
          "END_ARRAY", "the end of a list");

  private ParseErrors() {}

  static String plain(String message) {
    if (message == null) {
      return "invalid document";
    }
    Matcher tokens = TOKEN.matcher(message);
    StringBuilder out = new StringBuilder();
    while (tokens.find()) {
      tokens.appendReplacement(
          out, Matcher.quoteReplacement(TOKENS.getOrDefault(tokens.group(1), "a value")));
    }
    tokens.appendTail(out);
    return JAVA_TYPE.matcher(out).replaceAll("a value");
  }
}
