package io.logmirror.categorizer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BudgetedTextTest {

    @Test
    void readsLikeTheTextWithinItsBudget() {
        BudgetedText text = new BudgetedText("server-1.log");

        assertThat(text.length()).isEqualTo(12);
        assertThat(text.charAt(0)).isEqualTo('s');
        assertThat(text.subSequence(0, 6).toString()).isEqualTo("server");
        assertThat(text).hasToString("server-1.log");
        assertThat(Pattern.compile("server-\\d").matcher(text).find()).isTrue();
    }

    @Test
    void stopsAReaderThatSpendsItsBudget() {
        BudgetedText text = new BudgetedText("abc", 2);
        text.charAt(0);
        text.charAt(1);

        assertThatThrownBy(() -> text.charAt(2)).isSameAs(BudgetedText.Exhausted.INSTANCE);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)  // a guard against hanging, not a measurement
    void stopsACatastrophicallyBacktrackingRegex() {
        BudgetedText text = new BudgetedText("a".repeat(64));   // unguarded, this find runs for hours

        assertThatThrownBy(() -> Pattern.compile("(.*a){10}b").matcher(text).find())
                .isSameAs(BudgetedText.Exhausted.INSTANCE);
    }
}
