package io.invoicesync.kernel.parameters;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.kernel.backlog.TransactionClass;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The request limits spelled as constants (for annotations) say the same as the enums they stand for. */
class ChoicesTest {

    @Test
    void trackingModePatternAndChoicesNameEveryMode() {
        assertThat(TrackingMode.PATTERN).isEqualTo(names(TrackingMode.values(), "|"));
        assertThat(TrackingMode.CHOICES).isEqualTo(names(TrackingMode.values(), ", "));
    }

    @Test
    void transactionClassPatternAndChoicesNameEveryClass() {
        assertThat(TransactionClass.PATTERN).isEqualTo(names(TransactionClass.values(), "|"));
        assertThat(TransactionClass.CHOICES).isEqualTo(names(TransactionClass.values(), ", "));
    }

    private static String names(Enum<?>[] values, String separator) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(separator));
    }
}
