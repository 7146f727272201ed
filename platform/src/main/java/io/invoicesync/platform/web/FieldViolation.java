package io.invoicesync.platform.web;

/** One broken rule of a request, as it appears in the problem+json {@code errors} list. */
public record FieldViolation(String field, String rule, String message) {
}
