package org.kioskops.agent.lifecycle;

import java.time.Duration;
import java.util.Optional;

/**
 * The service manager that runs the agent (systemd on a box). It is told when the agent is ready and when
 * it stops, and, if it watches the agent, receives a keep-alive from the agent's main loop: a loop that
 * hangs stops the keep-alives and the service manager restarts the agent.
 */
public interface ServiceManager {
    /** How often the manager wants a keep-alive, if it watches the agent. */
    Optional<Duration> watchdogInterval();

    /** The agent has started and is reporting. */
    void ready();

    /** The agent's main loop is alive. */
    void watchdog();

    /** The agent is stopping; {@code status} is a short line for {@code systemctl status}. */
    void stopping(String status);

    /** No service manager: every call is a no-op (run by hand, in tests, in the simulator). */
    ServiceManager NONE = new ServiceManager() {
        @Override
        public Optional<Duration> watchdogInterval() {
            return Optional.empty();
        }

        @Override
        public void ready() {
        }

        @Override
        public void watchdog() {
        }

        @Override
        public void stopping(String status) {
        }
    };
}
