package io.invoicesync.platform.security.signin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Every sign-in as a security event: a log line on the {@code invoicesync.security} logger with the ECS fields
 * (event.category authentication, event.outcome, event.reason, user.name, source.ip; never the password), as key-value
 * pairs that structured logging ({@code logging.structured.format.console=ecs}) writes as fields and as text in the
 * message for plain logs, and the counter {@code invoicesync.authentications} by outcome, reason and way in.
 * Failures and refusals are logged at WARN, a console sign-in at INFO; an API request's credentials are checked on
 * every request, so their successes are counted, and logged at DEBUG only.
 */
public final class SignInAudit {

    /** How the credentials came. */
    public enum Way { CONSOLE, BASIC, BEARER }

    /** What became of them. */
    public enum Reason { SIGNED_IN, UNKNOWN_USER, WRONG_PASSWORD, INVALID_TOKEN, THROTTLED }

    public static final String LOGGER = "invoicesync.security";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final int LONGEST_NAME = 64;

    private final Map<Way, Map<Reason, Counter>> counters = new EnumMap<>(Way.class);

    public SignInAudit(MeterRegistry registry) {
        for (Way way : Way.values()) {
            Map<Reason, Counter> byReason = new EnumMap<>(Reason.class);
            for (Reason reason : Reason.values()) {
                byReason.put(reason, Counter.builder("invoicesync.authentications")
                        .description("Sign-ins and API authentications, by outcome, reason and way in")
                        .tag("outcome", outcome(reason)).tag("reason", name(reason)).tag("way", name(way))
                        .register(registry));
            }
            counters.put(way, byReason);
        }
    }

    public void record(Way way, Reason reason, String user, String address) {
        counters.get(way).get(reason).increment();
        LoggingEventBuilder event = reason == Reason.SIGNED_IN
                ? (way == Way.CONSOLE ? log.atInfo() : log.atDebug()) : log.atWarn();
        String name = printable(user);
        event.addKeyValue("event.category", "authentication")
                .addKeyValue("event.outcome", outcome(reason))
                .addKeyValue("event.reason", name(reason))
                .addKeyValue("event.action", name(way))
                .addKeyValue("user.name", name)
                .addKeyValue("source.ip", address)
                .log("authentication {} event.reason={} event.action={} user.name={} source.ip={}", outcome(reason),
                        name(reason), name(way), name, address);
    }

    private static String outcome(Reason reason) {
        return reason == Reason.SIGNED_IN ? "success" : "failure";
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A name as a client sent it, safe in a log line: no control characters (no forged lines), not too long. */
    static String printable(String user) {
        if (user == null || user.isEmpty()) {
            return "-";
        }
        String clean = user.codePoints().map(c -> Character.isISOControl(c) || Character.isWhitespace(c) ? '_' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > LONGEST_NAME ? clean.substring(0, LONGEST_NAME) + "…" : clean;
    }
}
