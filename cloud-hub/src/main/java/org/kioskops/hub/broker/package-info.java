/**
 * The hub's side of the MQTT broker: keeps the broker's accounts equal to the registry's active credentials
 * ({@link BrokerAccessSync}), writing them as Mosquitto's password, ACL, CA and CRL files plus a {@code certificates}
 * file ({@link MosquittoAccessFiles}, the adapter of {@code identity.BrokerAccounts}) that Mosquitto and the embedded
 * broker both read. Runs the embedded HiveMQ CE broker as a child process when no external broker is configured,
 * because HiveMQ takes over the logging that Quarkus owns. Declares {@link RevokedSessions}, for cutting off
 * connections whose certificates were revoked.
 */
package org.kioskops.hub.broker;
