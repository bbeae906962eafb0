/**
 * The embedded MQTT 5 broker: HiveMQ CE configured for KioskOps (file persistence, large per-client queues, retained
 * messages, shared subscriptions, optional TLS), which the hub runs as a child process ({@link BrokerMain}) when no
 * external broker is configured. A HiveMQ extension authenticates clients and confines them to their topics from the
 * {@code passwd}, {@code acl} and {@code certificates} files the hub writes, in Mosquitto's formats so that one set of
 * files serves both brokers.
 */
package org.kioskops.broker;
