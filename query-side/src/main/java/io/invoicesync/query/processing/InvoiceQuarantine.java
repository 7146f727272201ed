package io.invoicesync.query.processing;

import io.invoicesync.kernel.sync.InvoiceSyncDismissed;
import io.invoicesync.kernel.sync.InvoiceSyncRetried;
import io.invoicesync.kernel.sync.SyncErrorCategory;
import io.invoicesync.kernel.sync.SyncEvent;
import io.invoicesync.kernel.sync.SyncRecordFailed;
import io.invoicesync.kernel.sync.TableMapBatchApplied;
import io.invoicesync.query.finance.FinanceKeyTaken;
import io.invoicesync.query.syncstate.CoordinatorTables;
import io.invoicesync.query.syncstate.InvoiceProgressReader;
import io.invoicesync.query.syncstate.QuarantineTable;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * G9 for a processing group: what fails for one invoice holds up no other. Replaces Axon's default for a failing
 * handler in a streaming processor (retry the batch for ever, the whole segment, and with the coordinator's single
 * segment every invoice, standing still behind it; Axon's dead-letter queue serves no sagas).
 *
 * <p>Once an event of the group has failed, each event of an invoice is handled inside a savepoint until the failed one
 * passes or is set aside (the first attempt has none: it costs two round trips an event, and fails the batch, which
 * the processor retries anyway). When a handler fails:
 * <ul>
 * <li>the database is away (no connection, shut down, a deadlock): the failure goes up, the processor rolls its batch
 * back and retries with back-off until the database is back; nothing is ever set aside for that
 * ({@code DatabaseOutageTest});</li>
 * <li>anything else (a defect, a constraint, a value the database refuses): the processor retries the batch, up to
 * {@code attempts} times with its back-off; then the savepoint is rolled back, the invoice is set aside for this group
 * ({@code sync_quarantine}) and a {@code SYSTEM} {@link SyncRecordFailed} with the cause is published, in the same
 * transaction as the token. The rest of the batch, and every other invoice, goes on. A Finance key another invoice
 * holds ({@link FinanceKeyTaken}) fails the same way every time: set aside at the first attempt in a savepoint (the
 * second in all).</li>
 * </ul>
 * While an invoice is set aside, this group skips its events (its saga ends on the failure); a retry lifts it in every
 * group and syncs the invoice again from its first batch, a dismissal lifts it and leaves Finance as it is
 * ({@code PoisonedInvoiceTest}). During a replay nothing is published: the live run already reported the failure.
 */
final class InvoiceQuarantine implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(InvoiceQuarantine.class);
    private static final int CAUSE_LENGTH = 1_000;

    private final String group;
    private final int attempts;
    private final QuarantineTable quarantine;
    private final TransactionTemplate savepoint;
    private final EventBus events;
    private final InvoiceProgressReader progress;
    private final CoordinatorTables coordinator;
    private final Clock clock;
    /** Failures so far per event; lost on restart, which only restarts the count. */
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    InvoiceQuarantine(String group, int attempts, QuarantineTable quarantine, PlatformTransactionManager transactions,
                      EventBus events, InvoiceProgressReader progress, CoordinatorTables coordinator, Clock clock) {
        this.group = group;
        this.attempts = attempts;
        this.quarantine = quarantine;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.events = events;
        this.progress = progress;
        this.coordinator = coordinator;
        this.clock = clock;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        Object payload = event.getPayload();
        UUID invoiceId = InvoiceSequencing.invoiceOf(payload);
        if (invoiceId == null || payload instanceof SyncRecordFailed) {
            // Job life cycle and failure reports are the sync's own control path: they are never set aside.
            return chain.proceed();
        }
        if (payload instanceof InvoiceSyncRetried || payload instanceof InvoiceSyncDismissed) {
            quarantine.lift(group, invoiceId);
            return chain.proceed();
        }
        if (quarantine.isSetAside(group, invoiceId)) {
            return null;
        }
        // The first attempt runs without a savepoint: two round trips for every event of every invoice, for a
        // failure that is rare. A failure then fails the batch, which the processor retries; while any event of this
        // group has failed and not yet passed, each event runs in a savepoint, so that the last attempt can roll
        // back that handler's work alone and set its invoice aside.
        boolean inSavepoint = !failures.isEmpty();
        try {
            Object result = inSavepoint ? savepoint.execute(status -> proceed(chain)) : proceed(chain);
            if (inSavepoint) {
                failures.remove(event.getIdentifier());
            }
            return result;
        } catch (RuntimeException e) {
            Throwable cause = e instanceof HandlerFailed failed ? failed.getCause() : e;
            if (databaseIsAway(cause)) {
                throw e;
            }
            int failed = failures.merge(event.getIdentifier(), 1, Integer::sum);
            // A key another invoice holds fails the same way every time: set aside at once, no other invoice waits;
            // once in a savepoint, that is: without one, the failed statement has aborted the whole transaction.
            if (!inSavepoint || failed < attempts && !(cause instanceof FinanceKeyTaken)) {
                log.warn("{}: event {} of invoice {} failed ({} of {} attempts): {}", group, event.getIdentifier(),
                        invoiceId, failed, attempts, cause.toString());
                throw e;
            }
            // Forgotten once the batch commits: another invoice failing later in the same batch rolls this setting
            // aside back with it, and the next attempt must set it aside at once again, not count from one.
            unitOfWork.afterCommit(done -> failures.remove(event.getIdentifier()));
            setAside(invoiceId, event, cause);
            return null;
        }
    }

    private Object proceed(InterceptorChain chain) {
        try {
            return chain.proceed();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new HandlerFailed(e);
        }
    }

    private void setAside(UUID invoiceId, EventMessage<?> event, Throwable cause) {
        String reason = describe(cause);
        log.error("{}: invoice {} set aside after {} failed attempts at event {} ({}): {}", group, invoiceId, attempts,
                event.getIdentifier(), event.getPayloadType().getSimpleName(), reason, cause);
        quarantine.setAside(group, invoiceId, event.getIdentifier(), event.getPayloadType().getName(), reason,
                clock.instant());
        if (ReplayToken.isReplay(event)) {
            return;
        }
        Object payload = event.getPayload();
        TableMapBatchApplied batch = payload instanceof TableMapBatchApplied applied ? applied : null;
        SyncEvent step = payload instanceof SyncEvent syncEvent ? syncEvent : null;
        UUID jobId = step != null && step.jobId() != null ? step.jobId() : jobOf(invoiceId);
        UUID runId = step != null ? step.runId() : null;
        events.publish(GenericEventMessage.asEventMessage(new SyncRecordFailed(invoiceId, jobId, runId,
                batch != null ? batch.tableMap() : payload.getClass().getSimpleName(),
                batch != null ? batch.batchNumber() : 0, event.getIdentifier(), SyncErrorCategory.SYSTEM.name(),
                group + " could not apply " + payload.getClass().getSimpleName() + ": " + reason,
                clock.instant())));
    }

    /**
     * The job the invoice was dispatched to, as the progress knows it; before any job took it, the job that owns the
     * table maps now (active or stopped), whose errors list then shows it to retry or dismiss; none before any job ran
     * (the coordinator hands such a failure to the first run).
     */
    private UUID jobOf(UUID invoiceId) {
        return progress.jobOf(invoiceId).or(coordinator::owningJob).orElse(null);
    }

    /** The cause as a reader can store and read it: its innermost message, printable, bounded. */
    static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + ": " + root.getMessage();
        text = text.replaceAll("[\\p{Cc}\\p{Cs}]", "?");
        return text.length() > CAUSE_LENGTH ? text.substring(0, CAUSE_LENGTH) + "…" : text;
    }

    /** An outage heals by waiting; it must never set an invoice aside. */
    static boolean databaseIsAway(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessException || t instanceof SQLTransientException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")
                    || sql.getSQLState().startsWith("40"))) {
                return true;
            }
        }
        return false;
    }

    /** Carries a checked exception of a handler through the savepoint's callback. */
    private static final class HandlerFailed extends RuntimeException {
        HandlerFailed(Exception cause) {
            super(cause);
        }
    }
}
