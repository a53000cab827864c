/**
 * SPI: the contracts plugins implement ({@link io.kubemin.spi.DataStore}, {@link
 * io.kubemin.spi.Queue}, {@link io.kubemin.spi.JobExecutor}, {@link io.kubemin.spi.LeaderElection})
 * and the {@link java.util.ServiceLoader} providers that create stores and queues by type name.
 */
package io.kubemin.spi;
