package io.invoicesync.kernel.parameters;

import java.util.Arrays;
import java.util.Objects;

/** A dotted solution version such as 1.0.24093.1, compared number by number (so 1.0.9 is older than 1.0.10). */
public record SolutionVersion(String value) implements Comparable<SolutionVersion> {

    public SolutionVersion {
        Objects.requireNonNull(value, "version");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("'" + value + "' is not a dotted version such as 1.0.24093.1");
        }
    }

    /** Two to four dot-separated numbers of at most 9 ASCII digits each. */
    public static final String PATTERN = "[0-9]{1,9}(\\.[0-9]{1,9}){1,3}";

    public static boolean isWellFormed(String value) {
        return value != null && value.matches(PATTERN);
    }

    @Override
    public int compareTo(SolutionVersion other) {
        long[] mine = parts();
        long[] theirs = other.parts();
        for (int i = 0; i < Math.max(mine.length, theirs.length); i++) {
            long a = i < mine.length ? mine[i] : 0;
            long b = i < theirs.length ? theirs[i] : 0;
            if (a != b) {
                return Long.compare(a, b);
            }
        }
        return 0;
    }

    public boolean isAtLeast(SolutionVersion minimum) {
        return compareTo(minimum) >= 0;
    }

    private long[] parts() {
        return Arrays.stream(value.split("\\.")).mapToLong(Long::parseLong).toArray();
    }

    @Override
    public String toString() {
        return value;
    }
}
