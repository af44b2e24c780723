package io.logmirror.app.http;

import io.logmirror.app.http.wire.ValidationErrorBody;

/** A query parameter was missing, not a number, or out of range: answered with 422 as FastAPI would. */
final class ParameterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ValidationErrorBody.Issue issue;

    ParameterException(ValidationErrorBody.Issue issue) {
        super(issue.msg(), null, false, false);
        this.issue = issue;
    }

    ValidationErrorBody.Issue issue() {
        return issue;
    }
}
