package io.logmirror.patterns.internal;

import io.logmirror.patterns.ErrorRule;
import io.logmirror.patterns.ErrorRules;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;

/** The signatures of a rule set, tried in order with their literals first. */
final class Signatures {

    /** A matched rule and the exit code its regex captured. */
    record Match(ErrorRule rule, OptionalInt exitCode) {
    }

    private final ErrorRule[] rules;
    private final boolean[] hasExit;

    Signatures(ErrorRules rules) {
        List<ErrorRule> list = rules.signatures();
        this.rules = list.toArray(new ErrorRule[0]);
        this.hasExit = new boolean[this.rules.length];
        for (int i = 0; i < this.rules.length; i++) {
            hasExit[i] = this.rules[i].regex().map(p -> p.pattern().contains("(?<exit>")).orElse(false);
        }
    }

    /** The first rule matching the line, or {@code null}. */
    Match match(String line) {
        for (int i = 0; i < rules.length; i++) {
            ErrorRule rule = rules[i];
            if (!containsAny(rule.contains(), line)) {
                continue;
            }
            if (rule.regex().isEmpty()) {
                return new Match(rule, OptionalInt.empty());
            }
            Matcher m = rule.regex().get().matcher(line);
            if (m.find()) {
                OptionalInt exit = OptionalInt.empty();
                if (hasExit[i] && m.group("exit") != null) {
                    try {
                        exit = OptionalInt.of(Integer.parseInt(m.group("exit")));
                    } catch (NumberFormatException e) {
                        exit = OptionalInt.empty(); // more digits than an int: not an exit code
                    }
                }
                return new Match(rule, exit);
            }
        }
        return null;
    }

    private static boolean containsAny(List<String> literals, String line) {
        for (int i = 0, n = literals.size(); i < n; i++) {
            if (line.contains(literals.get(i))) {
                return true;
            }
        }
        return false;
    }
}
