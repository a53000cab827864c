package io.kubemin.store.mysql;

/** The store contract on MariaDB through the MariaDB driver. */
class MariaDbContractIT extends MariaDbContract {
  @Override
  String url(MariaDbDatabase database) {
    return database.mariaDbUrl();
  }
}
