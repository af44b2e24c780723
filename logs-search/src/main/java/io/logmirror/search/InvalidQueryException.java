package io.logmirror.search;

/**
 * A search query was refused: a value out of range, a pattern that does not compile or is too large. The message
 * says which value and what to use instead; {@link #field()} names the query field (the HTTP parameter).
 */
public final class InvalidQueryException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String value;

    public InvalidQueryException(String field, String value, String message) {
        super(message);
        this.field = field;
        this.value = value;
    }

    /** The field whose value was refused, such as {@code q}, {@code limit} or {@code since}. */
    public String field() {
        return field;
    }

    /** The refused value as given. */
    public String value() {
        return value;
    }
}
