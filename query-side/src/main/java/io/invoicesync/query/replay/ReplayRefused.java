package io.invoicesync.query.replay;

/** A replay that must not start (another instance holds the claims): exit code 2, nothing touched. */
public class ReplayRefused extends RuntimeException {

    public ReplayRefused(String message) {
        super(message);
    }
}
