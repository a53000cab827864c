package io.kubemin.store.mysql;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The keys that encrypt the secret values of components at rest (AES-GCM): one current key, which
 * encrypts every value written, and any number of previous keys, which only decrypt values written
 * before a rotation. Each stored value names the id of the key that encrypted it. Immutable; {@link
 * #toString()} never shows key material.
 *
 * <pre>{@code
 * SecretKeys keys = SecretKeys.of("2026-12", key2026Dec).withPreviousKey("2026-06", key2026Jun);
 * MySqlDataStore store =
 *     MySqlDataStore.open(url, MySqlSettings.builder().secretKeys(keys).build());
 * }</pre>
 */
public final class SecretKeys {
  /**
   * The environment variable the {@code mysql} provider reads keys from: {@code id:base64key}
   * entries separated by commas, the current key first.
   */
  public static final String ENVIRONMENT_VARIABLE = "KUBEMIN_SECRET_KEYS";

  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");

  private final String currentId;
  private final Map<String, byte[]> keys;

  private SecretKeys(String currentId, Map<String, byte[]> keys) {
    this.currentId = currentId;
    this.keys = keys;
  }

  /**
   * Keys with {@code key} as the current one.
   *
   * @param keyId stored with each value: 1..32 letters, digits, {@code .}, {@code _} or {@code -}
   * @param key 16, 24 or 32 bytes (AES-128, -192 or -256); copied
   * @throws IllegalArgumentException for a malformed id or a key of another length
   */
  public static SecretKeys of(String keyId, byte[] key) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    keys.put(checkId(keyId), checkKey(keyId, key));
    return new SecretKeys(keyId, keys);
  }

  /**
   * These keys plus a previous one, which decrypts values it encrypted but encrypts nothing new.
   *
   * @throws IllegalArgumentException for a malformed id, a key of another length or an id in use
   */
  public SecretKeys withPreviousKey(String keyId, byte[] key) {
    checkId(keyId);
    if (keys.containsKey(keyId)) {
      throw new IllegalArgumentException("secret key id '" + keyId + "' is given twice");
    }
    Map<String, byte[]> more = new LinkedHashMap<>(keys);
    more.put(keyId, checkKey(keyId, key));
    return new SecretKeys(currentId, more);
  }

  /**
   * Reads keys written as {@code id:base64key[,id:base64key...]}, the current key first (the form
   * of {@value #ENVIRONMENT_VARIABLE}).
   *
   * @throws IllegalArgumentException naming the entry that is malformed (never its key)
   */
  public static SecretKeys parse(String text) {
    Objects.requireNonNull(text, "text");
    SecretKeys keys = null;
    String[] entries = text.split(",");
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].trim();
      int colon = entry.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("secret key entry " + (i + 1) + " must be id:base64key");
      }
      String id = entry.substring(0, colon);
      byte[] key;
      try {
        key = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("secret key '" + id + "' is not valid base64");
      }
      keys = keys == null ? of(id, key) : keys.withPreviousKey(id, key);
    }
    if (keys == null) {
      throw new IllegalArgumentException("no secret key given");
    }
    return keys;
  }

  /** The id of the key that encrypts new values. */
  public String currentKeyId() {
    return currentId;
  }

  /** Every key id, the current one first. */
  public java.util.Set<String> keyIds() {
    return Collections.unmodifiableSet(keys.keySet());
  }

  /** The key with this id, or null. Package-private: key material never leaves the store. */
  byte[] key(String keyId) {
    return keys.get(keyId);
  }

  private static String checkId(String keyId) {
    if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
      throw new IllegalArgumentException(
          "secret key id must be 1..32 letters, digits, '.', '_' or '-', got '" + keyId + "'");
    }
    return keyId;
  }

  private static byte[] checkKey(String keyId, byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length != 16 && key.length != 24 && key.length != 32) {
      throw new IllegalArgumentException(
          "secret key '" + keyId + "' must have 16, 24 or 32 bytes, has " + key.length);
    }
    return key.clone();
  }

  /** The key ids only. */
  @Override
  public String toString() {
    return "SecretKeys{current=" + currentId + ", ids=" + keys.keySet() + "}";
  }
}
