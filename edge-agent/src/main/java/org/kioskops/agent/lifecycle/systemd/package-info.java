/**
 * systemd adapter of the {@code ServiceManager} port: readiness, stop and watchdog notices ({@code Type=notify},
 * {@code WatchdogSec=}) sent as datagrams to {@code NOTIFY_SOCKET} from the agent's own process. Uses JNA for a few
 * libc calls, because Java 17 cannot open an AF_UNIX datagram socket.
 */
package org.kioskops.agent.lifecycle.systemd;
