package io.logmirror.search;

/** How letters' case counts in a search. */
public enum CaseMode {
    /** Letters match only in the case given. */
    SENSITIVE,
    /** Letters match in either case. */
    INSENSITIVE,
    /**
     * Like ripgrep's {@code -S}: insensitive when the query has no upper-case letter, sensitive when it has one (for a
     * regex, an upper-case letter that is not part of an escape such as {@code \W}).
     */
    SMART
}
