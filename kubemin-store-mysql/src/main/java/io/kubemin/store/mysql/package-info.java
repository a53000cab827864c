/**
 * API: the durable {@link io.kubemin.spi.DataStore} on MySQL 8.0+, MariaDB 10.6+ and H2 2.x
 * (embedded, MySQL mode) through Jdbi: {@link io.kubemin.store.mysql.MySqlDataStore}, its settings
 * and its ServiceLoader provider (type {@code mysql}).
 */
package io.kubemin.store.mysql;
