package io.invoicesync.query.syncstate;

/**
 * A state with the words the console shows for it. The database stores {@code name()}; the console takes names and
 * labels from {@code GET /api/console/vocabulary}, never from a copy of its own.
 */
public interface Labelled {

    String name();

    String label();
}
