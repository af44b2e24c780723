package io.logmirror.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CategoryTest {

    @Test
    void listsTheOriginalSevenCategoriesInTheirOrder() {
        assertThat(Category.STANDARD).extracting(Category::name)
                .containsExactly("server", "client", "monitoring", "vllm", "slurm", "logs", "uncategorized");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "vllm", "my-service_2", "0x"})
    void acceptsSafeFolderNames(String name) {
        assertThat(Category.of(name).toString()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Server", "-x", "_x", "a/b", "..", "a b", "é"})
    void rejectsNamesThatAreNotSafeFolderNamesSayingWhatIsAllowed(String name) {
        assertThatThrownBy(() -> Category.of(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid category name '" + name + "'")
                .hasMessageContaining("lower-case letters, digits");
    }

    @Test
    void rejectsANameLongerThanSixtyFourCharacters() {
        assertThatThrownBy(() -> Category.of("a".repeat(65))).hasMessageContaining("1 to 64");
        assertThat(Category.of("a".repeat(64)).name()).hasSize(64);
    }

    @Test
    void escapesControlCharactersInItsError() {
        assertThatThrownBy(() -> Category.of("a\nb")).hasMessageContaining("a\\u000ab");
    }
}
