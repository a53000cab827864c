package io.kubemin.store.mysql;

import io.kubemin.model.Component;
import io.kubemin.model.Properties;
import io.kubemin.spi.DataStoreException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts and decrypts the {@code properties.secret} values of components with {@link SecretKeys}.
 * A stored value is {@code kubemin:aes-gcm:v1:<keyId>:<base64(iv, ciphertext and tag)>}, with a
 * random 96-bit IV and the secret's key name as associated data. Values without that prefix
 * (written before keys were given) are read as they are. Thread-safe.
 */
final class SecretCipher {
  static final String PREFIX = "kubemin:aes-gcm:v1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeys keys;

  /**
   * @param keys the keys, or null to store values in plain text
   */
  SecretCipher(SecretKeys keys) {
    this.keys = keys;
  }

  boolean encrypts() {
    return keys != null;
  }

  /** The component as stored: its secret values encrypted with the current key. */
  Component seal(Component component) {
    Map<String, String> secret = component.properties().secret();
    if (keys == null || secret.isEmpty()) {
      return component;
    }
    Map<String, String> sealed = new LinkedHashMap<>();
    secret.forEach((name, value) -> sealed.put(name, encrypt(name, value)));
    return component.toBuilder().properties(withSecret(component.properties(), sealed)).build();
  }

  /** The component as read: its secret values decrypted. */
  Component open(Component component) {
    Map<String, String> secret = component.properties().secret();
    if (secret.isEmpty() || secret.values().stream().noneMatch(SecretCipher::isSealed)) {
      return component;
    }
    Map<String, String> opened = new LinkedHashMap<>();
    secret.forEach((name, value) -> opened.put(name, decrypt(name, value)));
    return component.toBuilder().properties(withSecret(component.properties(), opened)).build();
  }

  /** Whether a stored component needs rewriting to be under the current key only. */
  boolean needsReseal(Component stored) {
    if (keys == null) {
      return false;
    }
    String current = PREFIX + keys.currentKeyId() + ":";
    return stored.properties().secret().values().stream().anyMatch(v -> !v.startsWith(current));
  }

  static boolean isSealed(String value) {
    return value != null && value.startsWith(PREFIX);
  }

  private String encrypt(String name, String value) {
    if (value == null) {
      return null;
    }
    String keyId = keys.currentKeyId();
    try {
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(keys.key(keyId), "AES"),
          new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[IV_BYTES + sealed.length];
      System.arraycopy(iv, 0, out, 0, IV_BYTES);
      System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
      return PREFIX + keyId + ":" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  private String decrypt(String name, String value) {
    if (!isSealed(value)) {
      return value;
    }
    String rest = value.substring(PREFIX.length());
    int colon = rest.indexOf(':');
    String keyId = colon < 0 ? "" : rest.substring(0, colon);
    byte[] key = keys == null ? null : keys.key(keyId);
    if (key == null) {
      throw new DataStoreException(
          "secret '"
              + name
              + "' is encrypted with key '"
              + keyId
              + "', which this store was not given (MySqlSettings.secretKeys or "
              + SecretKeys.ENVIRONMENT_VARIABLE
              + ")");
    }
    try {
      byte[] in = Base64.getDecoder().decode(rest.substring(colon + 1));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
      return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // Never the value or the key in the message.
      throw new DataStoreException(
          "secret '"
              + name
              + "' cannot be decrypted with key '"
              + keyId
              + "' (wrong key or"
              + " damaged value)");
    }
  }

  private static Properties withSecret(Properties p, Map<String, String> secret) {
    return new Properties(
        p.image(), p.ports(), p.env(), p.conf(), secret, p.command(), p.args(), p.labels());
  }
}
