/** Internal, no compatibility guarantees: SQL, row mapping, migrations and pooling of the store. */
package io.kubemin.store.mysql.internal;
