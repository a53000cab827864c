package io.kubemin.store.mysql;

/** The store contract on MariaDB through MySQL Connector/J. */
class ConnectorJContractIT extends MariaDbContract {
  @Override
  String url(MariaDbDatabase database) {
    return database.connectorJUrl();
  }
}
