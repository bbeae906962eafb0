/**
 * The device-hub contract of KioskOps, version 1: the MQTT topic tree, the payload records, their JSON
 * encoding and strict validation. Shared by the edge agent, the cloud hub and the simulator, and
 * specified for third parties in {@code docs/protocol.md}.
 *
 * <p>Plain Java and Jackson only: no transport, framework or hardware library may be imported here.
 */
package org.kioskops.protocol;
