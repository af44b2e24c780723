package io.logmirror.search.internal;

import io.logmirror.core.Categorizer;
import io.logmirror.core.Category;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

/** A mirror folder written by hand (files under {@code logs/} with chosen times), opened as a read-only store. */
final class SearchFixture {

    private final Path data;

    SearchFixture(Path data) {
        this.data = data;
    }

    SearchFixture file(String path, String text, Instant modified) {
        return file(path, text.getBytes(StandardCharsets.UTF_8), modified);
    }

    SearchFixture file(String path, byte[] content, Instant modified) {
        try {
            Path file = data.resolve("logs").resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            Files.setLastModifiedTime(file, FileTime.from(modified));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The store, with files under a {@code vllm} folder or named {@code vllm*} in category vllm, the rest uncategorized. */
    LogStore open() throws IOException {
        return LogStore.openReadOnly(data, new Categorizer() {
            @Override
            public Category categorize(LogPath path, byte[] head) {
                return path.fileName().startsWith("vllm") ? Category.VLLM : Category.UNCATEGORIZED;
            }

            @Override
            public List<Category> categories() {
                return Category.STANDARD;
            }
        });
    }
}
