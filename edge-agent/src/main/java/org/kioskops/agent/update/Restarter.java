package org.kioskops.agent.update;

/** Restarts the agent into the active version: on a box through systemd, in the simulator by starting a new agent. */
@FunctionalInterface
public interface Restarter {
    void restart() throws Exception;
}
