package io.invoicesync.query.syncstate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The only writer of {@code sync_quarantine}: per processing group, the invoices it has set aside (G9) and why. The
 * quarantine interceptor sets them aside and asks; a retry or dismissal, the coordinator and a rebuild lift them.
 */
@Component
public class QuarantineTable {

    private final JdbcTemplate jdbc;

    public QuarantineTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isSetAside(String group, UUID invoiceId) {
        return !jdbc.queryForList("SELECT 1 FROM sync_quarantine WHERE processing_group = ? AND invoice_id = ?",
                Integer.class, group, invoiceId).isEmpty();
    }

    /** The first failure that set it aside is kept: a repeat changes nothing. */
    public void setAside(String group, UUID invoiceId, String eventId, String payloadType, String cause, Instant at) {
        jdbc.update("""
                INSERT INTO sync_quarantine (processing_group, invoice_id, event_id, payload_type, cause, quarantined_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (processing_group, invoice_id) DO NOTHING""", group, invoiceId,
                eventId, payloadType, cause, Timestamp.from(at));
    }

    public void lift(String group, UUID invoiceId) {
        jdbc.update("DELETE FROM sync_quarantine WHERE processing_group = ? AND invoice_id = ?", group, invoiceId);
    }

    /** A rebuild of the group meets every event again: what it set aside is decided anew. */
    public void liftAll(String group) {
        jdbc.update("DELETE FROM sync_quarantine WHERE processing_group = ?", group);
    }
}
