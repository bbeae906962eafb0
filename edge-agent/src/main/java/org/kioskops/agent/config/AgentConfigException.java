package org.kioskops.agent.config;

import java.util.List;

/** A configuration file that cannot be used, with every problem found in it. */
public final class AgentConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public AgentConfigException(String source, List<String> problems) {
        super(source + ": " + problems.size() + " problem(s)\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, each starting with the key it concerns. */
    public List<String> problems() {
        return problems;
    }
}
