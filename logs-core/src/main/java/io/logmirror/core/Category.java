package io.logmirror.core;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A service category a log file is sorted into, such as {@code server} or {@code slurm}.
 * Names are lower-case letters, digits, {@code -} and {@code _}, so that a category is also a safe
 * folder name under {@code categorized/}.
 *
 * @param name the category's name
 */
public record Category(String name) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public static final Category SERVER = new Category("server");
    public static final Category CLIENT = new Category("client");
    public static final Category MONITORING = new Category("monitoring");
    public static final Category VLLM = new Category("vllm");
    public static final Category SLURM = new Category("slurm");
    public static final Category LOGS = new Category("logs");
    public static final Category UNCATEGORIZED = new Category("uncategorized");

    /** The original service's seven categories, in the order its API lists them. */
    public static final List<Category> STANDARD =
            List.of(SERVER, CLIENT, MONITORING, VLLM, SLURM, LOGS, UNCATEGORIZED);

    public Category {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid category name '" + InvalidLogPathException.printable(name)
                    + "': use 1 to 64 lower-case letters, digits, '-' or '_', starting with a letter or digit");
        }
    }

    /** The category with this name. */
    public static Category of(String name) {
        return new Category(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
