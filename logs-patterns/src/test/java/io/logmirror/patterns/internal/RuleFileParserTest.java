package io.logmirror.patterns.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logmirror.patterns.ErrorRule;
import io.logmirror.patterns.ErrorRules;
import io.logmirror.patterns.JobState;
import io.logmirror.patterns.Level;
import io.logmirror.patterns.RuleFileException;
import io.logmirror.patterns.RuleFileException.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFileParserTest {

    @Test
    void reportsEveryMistakeOfAFileAtOnceWithItsLine() {
        String yaml = """
                signatures:
                  - name: disk-full
                    level: errror
                    contains: 'No space left'
                  - name: Bad Name
                    contains: x
                  - name: no-literal
                    regex: 'x('
                  - name: state
                    contains: y
                    job: exploded
                    colour: red
                traceback:
                  maxLines: 0
                """;
        RuleFileException e = catchRuleFileException(yaml);
        assertThat(e.problems()).extracting(Problem::line).containsExactly(3, 5, 7, 8, 11, 12, 14);
        assertThat(e.problems()).extracting(Problem::message).satisfiesExactly(
                m -> assertThat(m).contains("unknown level 'errror'").contains("warning, error, critical"),
                m -> assertThat(m).contains("a name is 1 to 64 lower-case letters"),
                m -> assertThat(m).contains("has no 'contains'"),
                m -> assertThat(m).contains("the regex does not compile"),
                m -> assertThat(m).contains("unknown job state 'exploded'").contains("time_limit"),
                m -> assertThat(m).contains("unknown key 'colour'").contains("allowed keys: name, level, contains, regex, job"),
                m -> assertThat(m).contains("traceback.maxLines must be between 1 and 10000, not 0"));
        assertThat(e.getMessage()).startsWith("errors.yaml: 7 problems\nerrors.yaml:3:12: rule 'disk-full': unknown level");
    }

    @Test
    void addsItsRulesInFrontOfTheDefaults() {
        ErrorRules rules = RuleFileParser.parse("""
                signatures:
                  - name: disk-full
                    contains: 'No space left on device'
                    job: failed
                """, "errors.yaml", ErrorRules.defaults());
        assertThat(rules.signatures().get(0)).extracting(ErrorRule::name, ErrorRule::level, ErrorRule::job)
                .containsExactly("disk-full", Level.ERROR, java.util.Optional.of(JobState.FAILED));
        assertThat(rules.signatures()).hasSize(ErrorRules.defaults().signatures().size() + 1);
        assertThat(rules.source()).isEqualTo("errors.yaml");
    }

    @Test
    void replacesADefaultOfTheSameNameAndDisablesOthers() {
        ErrorRules rules = RuleFileParser.parse("""
                disable: [killed]
                signatures:
                  - name: nccl-error
                    level: warning
                    contains: NCCL WARN
                """, "errors.yaml", ErrorRules.defaults());
        assertThat(rules.signatures()).extracting(ErrorRule::name).doesNotContain("killed").containsOnlyOnce("nccl-error");
        assertThat(rules.signatures().get(0).level()).isEqualTo(Level.WARNING);
    }

    @Test
    void leavesTheDefaultsOutWhenAskedAndTurnsTracebacksOff() {
        ErrorRules rules = RuleFileParser.parse("""
                defaults: false
                traceback: { enabled: false, maxLines: 50 }
                signatures:
                  - name: only
                    contains: boom
                """, "errors.yaml", ErrorRules.defaults());
        assertThat(rules.signatures()).extracting(ErrorRule::name).containsExactly("only");
        assertThat(rules.tracebacks()).isFalse();
        assertThat(rules.tracebackMaxLines()).isEqualTo(50);
    }

    @Test
    void refusesToDisableARuleThatIsNotADefault() {
        assertThat(catchRuleFileException("disable: [no-such-rule]\n").problems().get(0).message())
                .contains("'no-such-rule', which is not a default rule").contains("cuda-out-of-memory");
    }

    @Test
    void refusesTwoRulesOfOneNameReservedNamesAndTags() {
        RuleFileException e = catchRuleFileException("""
                signatures:
                  - name: a
                    contains: x
                  - name: a
                    contains: y
                  - name: python-traceback
                    contains: z
                  - name: b
                    contains: !!binary aGVsbG8=
                """);
        assertThat(e.problems()).extracting(Problem::message).satisfiesExactly(
                m -> assertThat(m).contains("two rules are named 'a' (the first on line 2)"),
                m -> assertThat(m).contains("reserved for built-in events"),
                m -> assertThat(m).contains("tag").contains("not allowed"));
    }

    @Test
    void explainsBrokenYamlWithItsPosition() {
        RuleFileException e = catchRuleFileException("signatures:\n  - name: a\n   contains: [x\n");
        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().get(0).line()).isPositive();
        assertThat(e.getMessage()).contains("not valid YAML");
    }

    @Test
    void refusesAnEmptyFileAndAFileWithoutRulesOfItsOwn() {
        assertThat(catchRuleFileException("").getMessage()).contains("empty");
        assertThat(catchRuleFileException("defaults: false\n").getMessage()).contains("needs a 'signatures' list");
    }

    @Test
    void namesAMissingFileAndReadsARealOne(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("errors.yaml");
        assertThatThrownBy(() -> RuleFileParser.parse(missing, ErrorRules.defaults()))
                .isInstanceOf(RuleFileException.class).hasMessageContaining("does not exist");
        Files.writeString(missing, "signatures:\n  - name: disk\n    contains: full\n", StandardCharsets.UTF_8);
        assertThat(RuleFileParser.parse(missing, ErrorRules.defaults()).signatures().get(0).name()).isEqualTo("disk");
    }

    @Test
    void readsTheShippedDefaults() {
        ErrorRules defaults = RuleFileParser.parseResource("/io/logmirror/patterns/default-error-rules.yaml", "defaults");
        assertThat(defaults.signatures()).extracting(ErrorRule::name).contains("cuda-out-of-memory", "nccl-error",
                "slurm-time-limit", "slurm-cancelled", "srun-exit-code", "oom-killer", "segmentation-fault", "killed");
        assertThat(defaults.tracebacks()).isTrue();
    }

    private static RuleFileException catchRuleFileException(String yaml) {
        try {
            RuleFileParser.parse(yaml, "errors.yaml", ErrorRules.defaults());
        } catch (RuleFileException e) {
            return e;
        }
        throw new AssertionError("the rule file was accepted: " + yaml);
    }
}
