package io.invoicesync.query.finance.customers;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finance's customer master, as far as the sync needs it: a customer on hold has its invoice proposals refused. It
 * stands in for the Finance system's own data, so it is edited directly, not event-sourced.
 */
@Component
class FinanceCustomers implements CustomerHolds {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    FinanceCustomers(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Optional<String> holdReason(String customerId) {
        return jdbc.query("SELECT coalesce(hold_reason, 'on hold') FROM finance_customer WHERE customer_id = ? AND on_hold",
                (rs, n) -> rs.getString(1), customerId).stream().findFirst();
    }

    void put(String customerId, boolean onHold, String holdReason) {
        jdbc.update("""
                INSERT INTO finance_customer (customer_id, on_hold, hold_reason, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (customer_id) DO UPDATE SET on_hold = excluded.on_hold, hold_reason = excluded.hold_reason,
                    updated_at = excluded.updated_at""", customerId, onHold, holdReason, Timestamp.from(clock.instant()));
    }
}
