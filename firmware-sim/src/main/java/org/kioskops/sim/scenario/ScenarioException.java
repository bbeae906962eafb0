package org.kioskops.sim.scenario;

/** A scenario file that cannot be run: the message names the file, the line and the key. */
public final class ScenarioException extends Exception {
    public ScenarioException(String message) {
        super(message);
    }
}
