package io.logmirror.categorizer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GlobTest {

    private static boolean matches(String glob, String text) {
        return Pattern.compile(Glob.toRegex(glob)).matcher(text).matches();
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "loadgen-*.out     | loadgen-123.out         | true",
        "loadgen-*.out     | loadgen-.out            | true",
        "loadgen-*.out     | loadgen-123.out.gz      | false",
        "loadgen-*.out     | x/loadgen-123.out       | false",
        "*.out             | a/b.out                 | false",
        "*/*.out           | a/b.out                 | true",
        "monitoring/**     | monitoring/a/b/c.log    | true",
        "monitoring/**     | monitoring/c.log        | true",
        "monitoring/**     | monitoring              | false",
        "monitoring/**     | other/monitoring/c.log  | false",
        "**/x.log          | x.log                   | true",
        "**/x.log          | a/b/x.log               | true",
        "**/x.log          | ax.log                  | false",
        "a/**/b.log        | a/b.log                 | true",
        "a/**/b.log        | a/x/y/b.log             | true",
        "a**               | ab/c                    | true",
        "job-?.err         | job-1.err               | true",
        "job-?.err         | job-12.err              | false",
        "job-?.err         | job-/.err               | false",
        "job-[0-9].err     | job-7.err               | true",
        "job-[0-9].err     | job-x.err               | false",
        "job-[!0-9].err    | job-x.err               | true",
        "job-[!0-9].err    | job-7.err               | false",
        "job-[^0-9].err    | job-x.err               | true",
        "job-[!0-9].err    | job-/.err               | false",
        "x[/]y             | x/y                     | false",
        "*.{out,err}       | a.err                   | true",
        "*.{out,err}       | a.log                   | false",
        "a,b               | a,b                     | true",
        "a+b(1).log        | a+b(1).log              | true",
        "a+b(1).log        | aab1.log                | false",
        "x.log             | xylog                   | false",
        "\\*.log           | *.log                   | true",
        "\\*.log           | a.log                   | false",
        "[*]x              | *x                      | true",
        "[\\]]x            | ]x                      | true",
        "[-a]x             | -x                      | true",
        "a}b               | a}b                     | true",
        "$HOME^            | $HOME^                  | true",
        "é*                | été.log                 | true",
    })
    void translatesEveryGlobConstruct(String glob, String text, boolean expected) {
        assertThat(matches(glob, text)).isEqualTo(expected);
    }

    @Test
    void refusesAnUnclosedClass() {
        assertThatThrownBy(() -> Glob.toRegex("job-[0-9.err"))
                .hasMessage("'[' at index 4 is never closed: add ']' or write '\\['");
    }

    @Test
    void refusesAnUnclosedBrace() {
        assertThatThrownBy(() -> Glob.toRegex("*.{out,err"))
                .hasMessage("'{' at index 2 is never closed: add '}' or write '\\{'");
    }

    @Test
    void refusesNestedBraces() {
        assertThatThrownBy(() -> Glob.toRegex("{a,{b,c}}"))
                .hasMessageContaining("nested '{' at index 3 is not supported");
    }

    @Test
    void refusesATrailingBackslash() {
        assertThatThrownBy(() -> Glob.toRegex("abc\\"))
                .hasMessageContaining("ends with a lone '\\'");
    }
}
