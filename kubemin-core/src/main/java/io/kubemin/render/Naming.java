package io.kubemin.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Names of rendered objects (inventory §3.2): {@code <prefix>-<component>-<appId>} in RFC 1123
 * form, at most 63 characters. A name that would be longer keeps its first 54 characters and ends
 * with a hash of the whole name, so two long names never collide (the upstream cut them off).
 */
public final class Naming {
  /** Longest name of a label value, container, Service or other DNS-1123 label. */
  public static final int MAX_LENGTH = 63;

  /** Longest Service port name (an IANA service name). */
  public static final int MAX_PORT_NAME_LENGTH = 15;

  /** Length of the stable ids this class derives. */
  public static final int ID_LENGTH = 24;

  private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final MessageDigest SHA_256 = newSha256();
  private static final int HASH_LENGTH = 8;

  private Naming() {}

  /** Deployment of a {@code webservice}: {@code deploy-<component>-<appId>}. */
  public static String deployment(String component, String appId) {
    return resource("deploy", component, appId);
  }

  /** StatefulSet of a {@code store}: {@code store-<component>-<appId>}. */
  public static String statefulSet(String component, String appId) {
    return resource("store", component, appId);
  }

  /** Service of a component with ports: {@code svc-<component>-<appId>}. */
  public static String service(String component, String appId) {
    return resource("svc", component, appId);
  }

  /** Headless Service of a {@code store}: {@code svc-<component>-<appId>-headless}. */
  public static String headlessService(String component, String appId) {
    String suffix = "-headless";
    String base = service(component, appId);
    if (base.length() + suffix.length() <= MAX_LENGTH) {
      return base + suffix;
    }
    return trimHyphens(base.substring(0, MAX_LENGTH - suffix.length())) + suffix;
  }

  /** Ingress of an ingress trait entry: {@code ing-<traitName>-<appId>}. */
  public static String ingress(String traitName, String appId) {
    return resource("ing", traitName, appId);
  }

  /** The main container: the component name in RFC 1123 form. */
  public static String mainContainer(String component) {
    return fit(dnsLabel(component, "component"));
  }

  /** Default name of the n-th (1-based) init container: {@code <component>-init-<n>}. */
  public static String initContainer(String component, int n) {
    return fit(dnsLabel(component, "component") + "-init-" + n);
  }

  /** Default name of the n-th (1-based) sidecar: {@code <component>-sidecar-<n>}. */
  public static String sidecarContainer(String component, int n) {
    return fit(dnsLabel(component, "component") + "-sidecar-" + n);
  }

  /** Service port name: {@code <component>-<port>}, or {@code p-<port>} when that is too long. */
  public static String servicePort(String component, int port) {
    String name = dnsLabel(component, "port") + "-" + port;
    boolean hasLetter = name.chars().anyMatch(Character::isLetter);
    return name.length() <= MAX_PORT_NAME_LENGTH && hasLetter ? name : "p-" + port;
  }

  /**
   * Name of a rendered object: RFC 1123 form of {@code <prefix>-<component>-<appId>}, fitted to
   * {@value #MAX_LENGTH} characters.
   */
  public static String resource(String prefix, String component, String appId) {
    String comp = lowerStrip(component);
    String app = lowerStrip(appId);
    return fit(
        dnsLabel(
            prefix
                + "-"
                + (comp.isEmpty() ? "component" : comp)
                + "-"
                + (app.isEmpty() ? "app" : app),
            prefix));
  }

  /**
   * RFC 1123 label form: lower case, runs of other characters become one {@code -}, no leading or
   * trailing {@code -}; {@code fallback} when nothing is left.
   */
  public static String dnsLabel(String raw, String fallback) {
    if (raw == null) {
      return fallback;
    }
    StringBuilder label = new StringBuilder(raw.length());
    boolean separator = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      }
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        if (separator && label.length() > 0) {
          label.append('-');
        }
        separator = false;
        label.append(c);
      } else {
        separator = true;
      }
    }
    return label.length() == 0 ? fallback : label.toString();
  }

  /**
   * The name itself when it has at most {@value #MAX_LENGTH} characters; else its first 54
   * characters, a {@code -} and 8 characters of its hash.
   */
  public static String fit(String name) {
    if (name.length() <= MAX_LENGTH) {
      return name;
    }
    String head = trimHyphens(name.substring(0, MAX_LENGTH - HASH_LENGTH - 1));
    return head + "-" + stableId(name).substring(0, HASH_LENGTH);
  }

  /** The id used when no application id is given: derived from {@code namespace/name}. */
  public static String applicationId(String namespace, String name) {
    return stableId(namespace + "/" + name);
  }

  /** The id used when no component id is given: derived from the application id and name. */
  public static String componentId(String appId, String component) {
    return stableId(appId + "/" + component);
  }

  /**
   * A {@value #ID_LENGTH}-character {@code [a-z0-9]} id derived from the SHA-256 of the text: the
   * same text always gives the same id.
   */
  public static String stableId(String text) {
    byte[] digest = sha256().digest(text.getBytes(StandardCharsets.UTF_8));
    char[] id = new char[ID_LENGTH];
    for (int i = 0; i < ID_LENGTH; i++) {
      id[i] = ID_ALPHABET.charAt((digest[i] & 0xff) % ID_ALPHABET.length());
    }
    return new String(id);
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digests of the JDK can be cloned", e);
    }
  }

  private static String lowerStrip(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder stripped = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        stripped.append(c);
      }
    }
    return stripped.toString().toLowerCase(Locale.ROOT);
  }

  private static String trimHyphens(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && value.charAt(start) == '-') {
      start++;
    }
    while (end > start && value.charAt(end - 1) == '-') {
      end--;
    }
    return value.substring(start, end);
  }
}
