/**
 * How KioskOps keeps its connections, shared by the agent's uplinks and the hub's MQTT client: reconnection with
 * exponential backoff and full jitter, one chain of attempts at a time. This package knows no transport library;
 * {@link org.kioskops.connectivity.mqtt} builds the MQTT session on it.
 */
package org.kioskops.connectivity;
