package io.logmirror.testkit.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class FoldersTest {

    @TempDir
    Path temp;

    @Test
    void deletesTheWholeTreeAndOnlyTheLinksNotWhatTheyPointTo() throws Exception {
        Path outside = Files.writeString(temp.resolve("outside.txt"), "keep me\n");
        Path outsideFolder = Files.createDirectories(temp.resolve("outside-folder"));
        Files.writeString(outsideFolder.resolve("inner.txt"), "keep me too\n");
        Path tree = Files.createDirectories(temp.resolve("tree/a/b"));
        Files.writeString(tree.resolve("file.log"), "x\n");
        Files.createSymbolicLink(tree.resolve("to-file"), outside);
        Files.createSymbolicLink(temp.resolve("tree/a/to-folder"), outsideFolder);

        Folders.deleteTree(temp.resolve("tree"));

        assertThat(temp.resolve("tree")).doesNotExist();
        assertThat(outside).hasContent("keep me\n");
        assertThat(outsideFolder.resolve("inner.txt")).hasContent("keep me too\n");
    }

    @Test
    void aFolderThatDoesNotExistIsNothingToDo() {
        assertThatCode(() -> Folders.deleteTree(temp.resolve("missing"))).doesNotThrowAnyException();
    }
}
