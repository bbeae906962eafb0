package org.kioskops.agent.twin;

import ch.qos.logback.classic.Level;
import org.slf4j.LoggerFactory;

/** Sets the agent's log level at run time (logback); null goes back to the level of the logging configuration. */
public final class LogLevels {
    private LogLevels() {
    }

    public static void set(String level) {
        if (LoggerFactory.getLogger("org.kioskops") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(level == null ? null : Level.toLevel(level, Level.INFO));
        }
    }
}
