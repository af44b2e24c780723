package io.logmirror.retention.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class QuantitiesTest {

    @Test
    void readsDurationsInEveryUnit() {
        assertThat(Quantities.duration("0")).hasValue(Duration.ZERO);
        assertThat(Quantities.duration("45s")).hasValue(Duration.ofSeconds(45));
        assertThat(Quantities.duration("90m")).hasValue(Duration.ofMinutes(90));
        assertThat(Quantities.duration("12h")).hasValue(Duration.ofHours(12));
        assertThat(Quantities.duration(" 7D ")).hasValue(Duration.ofDays(7));
        assertThat(Quantities.duration("2w")).hasValue(Duration.ofDays(14));
    }

    @Test
    void refusesDurationsWithoutAUnitOrWithFractions() {
        assertThat(Quantities.duration("7")).isEmpty();
        assertThat(Quantities.duration("1.5d")).isEmpty();
        assertThat(Quantities.duration("-1d")).isEmpty();
        assertThat(Quantities.duration("10 days")).isEmpty();
        assertThat(Quantities.duration("")).isEmpty();
    }

    @Test
    void readsSizesWithDecimalAndBinaryUnits() {
        assertThat(Quantities.size("123")).hasValue(123L);
        assertThat(Quantities.size("500MB")).hasValue(500_000_000L);
        assertThat(Quantities.size("20GiB")).hasValue(20L << 30);
        assertThat(Quantities.size("1.5 TB")).hasValue(1_500_000_000_000L);
        assertThat(Quantities.size("0.5gib")).hasValue(1L << 29);
        assertThat(Quantities.size("4KiB")).hasValue(4096L);
    }

    @Test
    void refusesSizesThatAreNotNumbersOrOverflow() {
        assertThat(Quantities.size("lots")).isEmpty();
        assertThat(Quantities.size("1.5")).isEmpty();
        assertThat(Quantities.size("-1GB")).isEmpty();
        assertThat(Quantities.size("999999999999999TiB")).isEmpty();
        assertThat(Quantities.size("5 PB")).isEmpty();
    }

    @Test
    void writesDurationsInTheirLargestWholeUnit() {
        assertThat(Quantities.format(Duration.ZERO)).isEqualTo("0");
        assertThat(Quantities.format(Duration.ofDays(7))).isEqualTo("7d");
        assertThat(Quantities.format(Duration.ofHours(36))).isEqualTo("36h");
        assertThat(Quantities.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Quantities.format(Duration.ofSeconds(61))).isEqualTo("61s");
    }
}
