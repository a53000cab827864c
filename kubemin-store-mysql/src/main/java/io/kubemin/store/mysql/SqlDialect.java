package io.kubemin.store.mysql;

/** The database a {@link MySqlDataStore} runs on, detected from the connection. */
public enum SqlDialect {
  /** MySQL 8.0 or later. */
  MYSQL("MySQL", 8, 0),
  /** MariaDB 10.6 or later. */
  MARIADB("MariaDB", 10, 6),
  /** H2 2.x in MySQL compatibility mode (embedded, file or memory). */
  H2("H2", 2, 0);

  private final String productName;
  private final int minMajor;
  private final int minMinor;

  SqlDialect(String productName, int minMajor, int minMinor) {
    this.productName = productName;
    this.minMajor = minMajor;
    this.minMinor = minMinor;
  }

  /** The product name, for messages. */
  public String productName() {
    return productName;
  }

  /** The oldest supported version, as {@code major.minor}. */
  public String minimumVersion() {
    return minMajor + "." + minMinor;
  }

  /** Whether a server of this version is supported. */
  public boolean supports(int major, int minor) {
    return major > minMajor || (major == minMajor && minor >= minMinor);
  }
}
