package io.kubemin;

import java.security.SecureRandom;

/** Generates ids: 24 characters {@code [a-z0-9]} from a {@link SecureRandom} (fixes B28). */
public final class Ids {
  /** Length of every generated id. */
  public static final int LENGTH = 24;

  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  /**
   * Bytes at or above this are skipped: 252 is the largest multiple of 36 that fits a byte, so the
   * bytes kept map onto the alphabet evenly.
   */
  private static final int UNBIASED_LIMIT = 256 - 256 % 36;

  /**
   * Bytes drawn per call: 24 plus room for the skipped ones (about 1.6 %), so one draw almost
   * always makes a whole id.
   */
  private static final int DRAW = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /** A new random id. */
  public static String newId() {
    // One call to the shared generator per id, not one per character: each call takes its lock.
    byte[] bytes = new byte[DRAW];
    char[] id = new char[LENGTH];
    int filled = 0;
    while (filled < LENGTH) {
      RANDOM.nextBytes(bytes);
      for (int i = 0; i < DRAW && filled < LENGTH; i++) {
        int value = bytes[i] & 0xFF;
        if (value < UNBIASED_LIMIT) {
          id[filled++] = ALPHABET[value % ALPHABET.length];
        }
      }
    }
    return new String(id);
  }
}
