package io.logmirror.search.internal;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RequiredLiteralTest {

    private static Optional<String> of(String pattern) {
        return RequiredLiteral.of(pattern, 1);
    }

    @Test
    void takesTheLongestTopLevelRunOfPlainCharacters() {
        assertThat(of("latency=\\d+ms")).contains("latency=");
        assertThat(of("^ERROR .* CUDA out of memory$")).contains(" CUDA out of memory");
        assertThat(of("GET /v1/completions HTTP/1\\.1")).contains("GET /v1/completions HTTP/1.1");
    }

    @Test
    void dropsCharactersThatAQuantifierMakesOptional() {
        assertThat(of("colou?r")).contains("colo");
        assertThat(of("abc*d")).contains("ab");
        assertThat(of("ab{0,3}cdef")).contains("cdef");
        assertThat(of("xa+yz")).contains("xa");
        assertThat(of("ab{2}c")).contains("ab");
    }

    @Test
    void findsNothingRequiredInATopLevelAlternation() {
        assertThat(of("error|warning")).isEmpty();
    }

    @Test
    void skipsGroupsAndClasses() {
        assertThat(of("(error|warn)ing: disk")).contains("ing: disk");
        assertThat(of("[a-z]+ timeout [0-9]+")).contains(" timeout ");
        assertThat(of("(?i)timeout")).contains("timeout");
        assertThat(of("[]x]abc")).contains("abc");
        assertThat(of("(a(b)c)?xyz")).contains("xyz");
    }

    @Test
    void readsQuotedText() {
        assertThat(of("\\Qa.b*c\\E+d")).contains("a.b*");
        assertThat(of("x\\Q(y)\\E")).contains("x(y)");
    }

    @Test
    void refusesToGuessAtEscapesItDoesNotKnow() {
        assertThat(of("\\d+\\s\\w")).isEmpty();
        assertThat(of("abc\\x41d")).contains("abc");
        assertThat(of("ab\\x{263a}c")).contains("ab");
        assertThat(of("a\\pLbc\\p{Greek}de")).contains("bc");
        assertThat(of("a\\101bc")).contains("bc");
        assertThat(RequiredLiteral.of("a.b", 2)).isEmpty();
        assertThat(of("(unclosed")).isEmpty();
        assertThat(of("trailing\\")).isEmpty();
    }
}
