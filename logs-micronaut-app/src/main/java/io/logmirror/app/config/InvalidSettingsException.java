package io.logmirror.app.config;

import java.util.List;

/**
 * One or more configuration variables have values the service cannot use. The message lists every
 * problem, each naming the variable, the value and what is allowed; start-up stops with it.
 */
public final class InvalidSettingsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidSettingsException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, one sentence per variable. */
    public List<String> problems() {
        return problems;
    }
}
