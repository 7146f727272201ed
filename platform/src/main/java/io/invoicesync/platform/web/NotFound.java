package io.invoicesync.platform.web;

/** A read for something that is not there: answered 404 with the sentence given. */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }
}
