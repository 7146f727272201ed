-- Appends commit in the order of their global index, and hold the store's lock only while they commit.
--
-- Why: a tracking processor that reads index n+1 while n is uncommitted records a gap and gives it up after a while;
-- an event committed later than that is never read (CommitOrderedEventStorageEngine says more). Until now each append
-- took one advisory lock at its INSERT and kept it to the end of its transaction, so everything a transaction did
-- after appending (a processor's token and saga writes, a command's ledgers, a handler slowed by a busy CPU) was done
-- by every other appender's wait: at month end the lock was busy all the time, and appenders waited 31 ms on average
-- for it, a hundred times what the statements themselves took.
--
-- Now an event is inserted under a provisional, negative index (never visible: it is renumbered before its
-- transaction commits). At commit, a deferred trigger takes the same lock, then gives the transaction's events their
-- real indexes in the order they were inserted; the lock is released when the commit is visible. An index is thus
-- still visible only after every lower one committed or rolled back, and the lock covers just the renumbering and the
-- commit itself. A session that sets invoicesync.plain_appends = 'on' appends as Axon does by default (the index taken
-- at insert, no lock): only the test that shows why the guard exists does that.

CREATE SEQUENCE domain_event_entry_provisional_seq;

ALTER TABLE domain_event_entry ALTER COLUMN global_index SET DEFAULT
    CASE WHEN current_setting('invoicesync.plain_appends', true) = 'on'
         THEN nextval('domain_event_entry_global_index_seq')
         ELSE -nextval('domain_event_entry_provisional_seq') END;

CREATE FUNCTION domain_event_entry_in_commit_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.global_index < 0 THEN
        -- "InvoiceS" as a 64-bit number, the key appends have always locked (held until the transaction ends).
        PERFORM pg_advisory_xact_lock(5291296833088480595);
        UPDATE domain_event_entry SET global_index = nextval('domain_event_entry_global_index_seq')
        WHERE global_index = NEW.global_index;
    END IF;
    RETURN NULL;
END
$$;

-- Deferred row triggers fire at commit, in the order the rows were inserted: a transaction's events keep their order.
CREATE CONSTRAINT TRIGGER domain_event_entry_in_commit_order
    AFTER INSERT ON domain_event_entry
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION domain_event_entry_in_commit_order();
