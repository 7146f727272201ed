package io.invoicesync.platform.web;

import java.util.List;

/** Every list is paged: page from 0, size from 1 to {@link #MAX_SIZE}, so no response carries 100,000 rows. */
public record Paging(int page, int size) {

    public static final int DEFAULT_SIZE = 100;
    public static final int MAX_SIZE = 1_000;

    public static Paging of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        new RequestChecks()
                .rule(p >= 0, "page", "min", "page must be 0 or more")
                .rule(s >= 1 && s <= MAX_SIZE, "size", "range", "size must be between 1 and " + MAX_SIZE)
                .verify();
        return new Paging(p, s);
    }

    public long offset() {
        return (long) page * size;
    }

    public <T> Page<T> of(List<T> content, long totalElements) {
        return new Page<>(content, page, size, totalElements, (totalElements + size - 1) / size);
    }

    public record Page<T>(List<T> content, int page, int size, long totalElements, long totalPages) {
    }
}
