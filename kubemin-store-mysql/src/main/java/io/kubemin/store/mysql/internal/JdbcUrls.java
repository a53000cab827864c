package io.kubemin.store.mysql.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/** Checks, completes and masks the JDBC URLs the store accepts. */
public final class JdbcUrls {
  private static final Pattern PASSWORD_OPTION = Pattern.compile("(?i)(password|pwd)=[^&;]*");
  private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]*:)[^@/]*@");

  private JdbcUrls() {}

  /**
   * The URL the store connects to: H2 URLs get MySQL mode and lower-case names (and stay open while
   * the JVM runs, for memory databases) unless they say otherwise.
   *
   * @throws IllegalArgumentException for a URL the store cannot work with, naming the rule
   */
  public static String normalize(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("uri must be a JDBC URL, got an empty value");
    }
    String trimmed = url.trim();
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("jdbc:")) {
      throw new IllegalArgumentException("uri must start with jdbc:, got " + mask(trimmed));
    }
    if (lower.contains("useaffectedrows=true")) {
      throw new IllegalArgumentException(
          "uri must not set useAffectedRows=true: conditional updates count matched rows");
    }
    return lower.startsWith("jdbc:h2:") ? completeH2(trimmed) : trimmed;
  }

  private static String completeH2(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:h2:mem:;") || lower.equals("jdbc:h2:mem:")) {
      throw new IllegalArgumentException(
          "an H2 memory URL needs a database name (jdbc:h2:mem:kubemin): an unnamed one gives"
              + " every pooled connection a database of its own");
    }
    StringBuilder completed = new StringBuilder(url);
    if (!lower.contains(";mode=")) {
      completed.append(";MODE=MySQL");
    } else if (!lower.contains(";mode=mysql")) {
      throw new IllegalArgumentException(
          "an H2 URL must use MODE=MySQL (the store's SQL is MySQL's), got " + mask(url));
    }
    if (!lower.contains(";database_to_lower=")) {
      completed.append(";DATABASE_TO_LOWER=TRUE");
    }
    if (lower.startsWith("jdbc:h2:mem:") && !lower.contains(";db_close_delay=")) {
      completed.append(";DB_CLOSE_DELAY=-1");
    }
    return completed.toString();
  }

  /** The URL with passwords replaced by {@code ****}, for logs and messages. */
  public static String mask(String url) {
    if (url == null) {
      return null;
    }
    String masked = PASSWORD_OPTION.matcher(url).replaceAll("$1=****");
    return USER_INFO.matcher(masked).replaceAll("$1****@");
  }

  /** The Maven artifact holding the driver for this URL, for "no driver" messages. */
  public static String driverArtifact(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:mariadb:")) {
      return "org.mariadb.jdbc:mariadb-java-client";
    }
    if (lower.startsWith("jdbc:mysql:")) {
      return "com.mysql:mysql-connector-j";
    }
    if (lower.startsWith("jdbc:h2:")) {
      return "com.h2database:h2";
    }
    return "the JDBC driver for this URL";
  }
}
