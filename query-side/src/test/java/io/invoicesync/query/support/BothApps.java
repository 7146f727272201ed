package io.invoicesync.query.support;

import io.invoicesync.command.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A test of both apps over HTTP (annotate the class {@link QuerySideTest}): the query side under test, the real
 * command side started beside it in this JVM, a client for each, and Finance's tables to check.
 */
public abstract class BothApps {

    @LocalServerPort
    protected int queryPort;
    @Autowired
    protected JdbcTemplate jdbc;
    protected Api command;
    protected Api query;
    protected FinanceChecks finance;

    @BeforeEach
    void connectBothApps() {
        command = new Api(CommandSide.port("postgres", queryPort));
        query = new Api(queryPort);
        finance = new FinanceChecks(jdbc);
    }
}
