-- G11: a Finance write skips a row only when it proves the row already there is the same one. Every writer inserts
-- with ON CONFLICT (key) DO UPDATE ... WHERE (the row's content) IS DISTINCT FROM (what it would write): a repeat
-- (a batch delivered twice, a retry from the first batch) matches and changes nothing; any other row under the same
-- key reaches this function, which fails the write, so the batch fails for that invoice and says why. SQLSTATE IS409
-- is this project's own (FinanceKeyTaken on the Java side).
CREATE FUNCTION finance_key_taken(finance_table TEXT, finance_key UUID, holder UUID, claimant UUID) RETURNS UUID
    LANGUAGE plpgsql AS
$$
BEGIN
    IF holder = claimant THEN
        RAISE EXCEPTION USING ERRCODE = 'IS409', MESSAGE = format(
            '%s row %s of invoice %s is already in Finance with other content; a repeated write must carry the same row',
            finance_table, finance_key, holder);
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'IS409', MESSAGE = format(
        '%s row %s is held by invoice %s; invoice %s cannot write a row under the same key',
        finance_table, finance_key, holder, claimant);
END
$$;
