package io.invoicesync.query.syncstate;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

/** What an operator knows an invoice by, beside its id, as its confirmation said it (null before it was kept). */
public record BusinessContext(String customerId, String projectContractId, BigDecimal totalAmount,
                              String currency, LocalDate invoiceDate) {

    static BusinessContext of(ResultSet rs) throws SQLException {
        Date date = rs.getDate("invoice_date");
        return new BusinessContext(rs.getString("customer_id"), rs.getString("project_contract_id"),
                rs.getBigDecimal("total_amount"), rs.getString("currency"),
                date == null ? null : date.toLocalDate());
    }
}
