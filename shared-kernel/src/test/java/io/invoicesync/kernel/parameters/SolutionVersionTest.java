package io.invoicesync.kernel.parameters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SolutionVersionTest {

    private static final SolutionVersion MINIMUM = new SolutionVersion("1.0.24093.1");

    @Test
    void comparesNumberByNumberNotAsText() {
        assertThat(new SolutionVersion("1.0.9").compareTo(new SolutionVersion("1.0.10"))).isNegative();
        assertThat(new SolutionVersion("1.0.24093.2").isAtLeast(MINIMUM)).isTrue();
        assertThat(new SolutionVersion("1.0.24093.1").isAtLeast(MINIMUM)).isTrue();
        assertThat(new SolutionVersion("1.0.24092.99").isAtLeast(MINIMUM)).isFalse();
        assertThat(new SolutionVersion("1.1").isAtLeast(MINIMUM)).isTrue();
    }

    @Test
    void refusesWhatIsNotADottedVersion() {
        assertThatThrownBy(() -> new SolutionVersion("latest")).hasMessageContaining("not a dotted version");
        assertThat(SolutionVersion.isWellFormed("1")).isFalse();
    }
}
