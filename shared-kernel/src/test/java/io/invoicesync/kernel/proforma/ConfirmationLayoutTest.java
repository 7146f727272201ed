package io.invoicesync.kernel.proforma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfirmationLayoutTest {

    /** Created at 0, lines at 1 and 2, then chunk 1 at 3 and 4, chunk 2 at 5 and 6, confirmed at 7. */
    private final ConfirmationLayout layout = new ConfirmationLayout(7, 2);

    @Test
    void findsEveryChunkPairDirectlyBeforeTheConfirmation() {
        assertThat(layout.actualsOf(1)).isEqualTo(3);
        assertThat(layout.connectionsOf(1)).isEqualTo(4);
        assertThat(layout.actualsOf(2)).isEqualTo(5);
        assertThat(layout.connectionsOf(2)).isEqualTo(6);
    }

    @Test
    void refusesChunksOutsideTheConfirmation() {
        assertThatThrownBy(() -> layout.actualsOf(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layout.connectionsOf(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConfirmationLayout(3, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
