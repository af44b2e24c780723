package io.logmirror.categorizer.internal;

import io.logmirror.categorizer.RuleCategorizer;
import io.logmirror.categorizer.RuleFileException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads a rule file into a {@link RuleCategorizer}. The YAML is composed into a node tree (never
 * into objects, so no type a file names is ever instantiated), with limits on size, nesting and
 * aliases; {@link RuleTreeReader} then checks the tree key by key and reports every problem at once,
 * each with its line and column. A YAML syntax error stops the reading, so it is reported alone.
 */
public final class RuleFileParser {

    /** Largest rule file, in code points: rule files are small; this stops a huge or endless input. */
    static final int MAX_CODE_POINTS = 1 << 20;
    /** Aliases of lists or maps allowed: enough to share a pattern list, too few for an alias bomb. */
    static final int MAX_COLLECTION_ALIASES = 20;
    /** Nesting allowed: the format needs 5 levels. */
    static final int MAX_NESTING = 16;


    private final String source;

    private RuleFileParser(String source) {
        this.source = source;
    }

    /** Reads the UTF-8 file. */
    public static RuleCategorizer parse(Path file) {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, source);
        } catch (NoSuchFileException e) {
            throw new RuleFileException(source, 0, 0, "the rule file does not exist: create it, or fix the "
                    + "configured path (" + file.toAbsolutePath() + ")", e);
        } catch (IOException | UncheckedIOException e) {
            throw new RuleFileException(source, 0, 0, "cannot read the rule file (" + e
                    + "): check that it is a readable UTF-8 text file", e);
        }
    }

    /** Reads YAML text. */
    public static RuleCategorizer parse(String yamlText, String sourceName) {
        Objects.requireNonNull(yamlText, "yamlText");
        return parse(new StringReader(yamlText), sourceName);
    }

    /** Reads a YAML stream; the caller closes it. */
    public static RuleCategorizer parse(Reader reader, String sourceName) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(sourceName, "sourceName");
        return new RuleFileParser(sourceName).read(reader);
    }

    /** Reads a class-path resource (the built-in defaults). */
    static RuleCategorizer parseResource(String resource, String sourceName) {
        try (InputStream in = RuleFileParser.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the logs-categorizer jar");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), sourceName);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }

    private RuleCategorizer read(Reader reader) {
        Node root;
        try {
            root = newYaml().compose(new LimitedReader(reader, MAX_CODE_POINTS));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String context = e.getContext() == null ? "" : " (" + e.getContext().trim() + ")";
            String problem = Objects.requireNonNullElse(e.getProblem(), e.getMessage()).trim();
            String hint = problem.contains("tag")
                    ? "a rule file holds plain names, lists and maps only; remove the tag"
                    : "check indentation and quoting (write regexes in single quotes: '\\.out$')";
            throw new RuleFileException(source, mark == null ? 0 : mark.getLine() + 1,
                    mark == null ? 0 : mark.getColumn() + 1, "not valid YAML: " + problem + context + "; " + hint, e);
        } catch (YAMLException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof LimitedReader.TooLongException) {
                    throw new RuleFileException(source, 0, 0, "refused: the rule file is longer than " + MAX_CODE_POINTS
                            + " characters; rule files are small: check that the path names the rule file", e);
                }
                if (cause instanceof CharacterCodingException) {
                    throw new RuleFileException(source, 0, 0, "the rule file is not valid UTF-8 text (" + cause
                            + "): save it as UTF-8", e);
                }
                if (cause instanceof IOException) {
                    throw new RuleFileException(source, 0, 0, "cannot read the rule file (" + cause
                            + "): check that it is a readable UTF-8 text file", e);
                }
            }
            throw new RuleFileException(source, 0, 0, "refused: " + e.getMessage() + "; " + hintFor(e.getMessage()), e);
        }
        if (root == null) {
            throw new RuleFileException(source, 1, 0, "the rule file is empty: it needs at least a 'rules:' list", null);
        }
        return new RuleTreeReader(source).read(root);
    }

    private static String hintFor(String message) {
        String m = String.valueOf(message);
        if (m.contains("aliases")) {
            return "a rule file needs at most " + MAX_COLLECTION_ALIASES + " aliases (*name) of lists or maps; "
                    + "this limit protects against alias bombs";
        }
        if (m.contains("code points") || m.contains("exceeds the limit")) {
            return "a rule file may hold at most " + MAX_CODE_POINTS + " characters";
        }
        if (m.contains("Nesting")) {
            return "a rule file nests at most " + MAX_NESTING + " levels";
        }
        return "fix the rule file";
    }

    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(false);
        options.setMergeOnCompose(false);
        options.setTagInspector(tag -> false);
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options);
    }
}
