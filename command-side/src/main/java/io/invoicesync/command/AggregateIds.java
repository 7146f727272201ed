package io.invoicesync.command;

import io.invoicesync.kernel.rules.BusinessRuleViolation;
import io.invoicesync.kernel.rules.Refusal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which aggregate an id belongs to, read from the event store's first event of that id. Every aggregate shares one id
 * space there, so a client naming an integration job's id on a proforma endpoint (or creating a proforma with a job's
 * id) would otherwise make Axon load the wrong aggregate or collide on its first sequence number: a 500. Checked at
 * the edge, before any command, and answered 404 (not that kind of thing) or 409 (id taken). A race between two
 * creates of one id is still caught by the store's unique key (409 concurrent-change).
 */
@Component
public class AggregateIds {

    private final JdbcTemplate jdbc;

    public AggregateIds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The aggregate type that owns this id (its class's simple name), if any event carries it. */
    public Optional<String> ownerOf(UUID id) {
        List<String> types = jdbc.queryForList("SELECT coalesce(type, '') FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND sequence_number = 0", String.class, id.toString());
        return types.stream().findFirst();
    }

    /** 409 when anything in the store already uses the id the client chose for a new aggregate. */
    public void verifyFree(String field, UUID id) {
        if (ownerOf(id).isPresent()) {
            throw new BusinessRuleViolation("id-already-taken", field, "The id " + id
                    + " is already taken; leave " + field + " out to get a new one, or choose another",
                    Refusal.STATE_CONFLICT);
        }
    }

    /** Whether the id names an aggregate of this type. */
    public boolean isA(UUID id, Class<?> aggregate) {
        return ownerOf(id).map(aggregate.getSimpleName()::equals).orElse(false);
    }

    /** 404 unless the id names an aggregate of this type. */
    public void verifyIs(String field, UUID id, Class<?> aggregate) {
        if (!isA(id, aggregate)) {
            throw new BusinessRuleViolation("exists", field, "No " + described(aggregate) + " with id " + id
                    + " exists", Refusal.NOT_FOUND);
        }
    }

    private static String described(Class<?> aggregate) {
        return aggregate.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
    }
}
