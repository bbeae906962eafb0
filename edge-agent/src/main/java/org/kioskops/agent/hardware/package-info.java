/**
 * The ports through which the agent reads and acts on the box: {@link SystemMetrics}, {@link ScreenMonitor},
 * {@link LockerBank}, {@link HealthStation}, other {@link EventSource}s and {@link BoxControl}, gathered in
 * {@link Hardware}. Their adapters are in the sub-packages ({@code linux}, {@code pi4j}, {@code serial},
 * {@code local}, {@code sim}); a part the box lacks is simply absent, never an error.
 */
package org.kioskops.agent.hardware;
