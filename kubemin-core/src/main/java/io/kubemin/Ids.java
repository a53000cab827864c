package io.kubemin;

import java.security.SecureRandom;

/** Generates ids: 24 characters {@code [a-z0-9]} from a {@link SecureRandom} (fixes B28). */
public final class Ids {
  /** Length of every generated id. */
  public static final int LENGTH = 24;

  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /** A new random id. */
  public static String newId() {
    char[] id = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(id);
  }
}
