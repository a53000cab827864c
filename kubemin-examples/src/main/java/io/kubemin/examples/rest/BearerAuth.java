package io.kubemin.examples.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks {@code Authorization: Bearer <token>} in constant time: both sides are hashed to the same
 * length first, so neither the token's length nor its content leaks through timing.
 */
final class BearerAuth {
  private static final String PREFIX = "bearer ";

  private final byte[] expected;

  BearerAuth(String token) {
    this.expected = sha256(token);
  }

  /** Whether the {@code Authorization} header (null when absent) carries the token. */
  boolean accepts(String authorization) {
    if (authorization == null
        || authorization.length() <= PREFIX.length()
        || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return false;
    }
    String given = authorization.substring(PREFIX.length()).strip();
    return MessageDigest.isEqual(expected, sha256(given));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
