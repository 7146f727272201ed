package io.invoicesync.command.proforma;

import io.invoicesync.platform.web.InvalidRequest;

/** The proforma's version as HTTP carries it: an ETag in answers, If-Match in requests that must not lose a race. */
final class ProformaVersion {

    private ProformaVersion() {
    }

    static String eTag(long version) {
        return "\"" + version + "\"";
    }

    /** Null without the header: the command then applies to the current version. */
    static Long fromIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String value = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
        if (!value.matches("\\d{1,18}")) {
            throw InvalidRequest.of("If-Match", "version-etag",
                    "If-Match must be the ETag of an earlier answer, such as \"3\"; was " + ifMatch);
        }
        return Long.parseLong(value);
    }
}
