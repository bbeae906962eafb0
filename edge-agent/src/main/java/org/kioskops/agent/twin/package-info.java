/**
 * The box's side of the hub's desired settings: {@link RemoteConfig} checks each version as a whole against the
 * contract and the box, then applies it and keeps it on disk atomically, or rejects it with the reason and keeps the
 * previous one. Also what those settings change: the log level at run time ({@link LogLevels}, logback) and the locker
 * pin map at the next start ({@link KeptPins}), because GPIO lines are claimed only at start.
 */
package org.kioskops.agent.twin;
