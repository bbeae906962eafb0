package org.kioskops.agent.hardware;

/** Acts on the box as a whole: what the hub's reboot and restart commands need. */
public interface BoxControl {
    /** Reboots the box; returns once the reboot is under way. */
    void reboot() throws Exception;

    /** Has the agent restarted by its service manager; returns once the restart is under way. */
    void restartAgent() throws Exception;
}
