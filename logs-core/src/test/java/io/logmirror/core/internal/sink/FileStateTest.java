package io.logmirror.core.internal.sink;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FileStateTest {

    @Test
    void atALineStartOnlyALineAtThatOffsetFollows() {
        FileState state = FileState.lineStart(10, 3, 0);

        assertThat(state.isFollowedBy(10)).isTrue();
        assertThat(state.isFollowedBy(11)).isFalse();
        assertThat(state.alreadyHas(9)).isTrue();
        assertThat(state.alreadyHas(10)).isFalse();
    }

    @Test
    void afterALiveLineTheNextStartsPastANewlineOrACarriageReturnNewline() {
        FileState state = new FileState(10, 4, FileState.Kind.AFTER_LINE, 0);

        assertThat(state.isFollowedBy(11)).isTrue();
        assertThat(state.isFollowedBy(12)).isTrue();
        assertThat(state.isFollowedBy(13)).as("a gap").isFalse();
        assertThat(state.alreadyHas(10)).isTrue();
        assertThat(state.alreadyHas(11)).isFalse();
    }

    @Test
    void inTheMiddleOfALongLineTheNextPieceStartsRightThere() {
        FileState state = new FileState(256, 1, FileState.Kind.MID_LINE, 0);

        assertThat(state.isFollowedBy(256)).isTrue();
        assertThat(state.isFollowedBy(257)).isFalse();
    }
}
