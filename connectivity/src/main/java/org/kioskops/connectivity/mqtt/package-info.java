/**
 * The MQTT 5 session every KioskOps client is built on (Eclipse Paho): the hub's subscriber, the agent's uplink, the
 * simulator's recorder and benchmark counter, the tests' probe. Persistent sessions, reconnection through
 * {@link org.kioskops.connectivity.ReconnectBackoff}, subscriptions renewed and checked on every connection, a
 * fresh session after a protocol refusal, refusals explained. The only package of this module that imports Paho.
 */
package org.kioskops.connectivity.mqtt;
