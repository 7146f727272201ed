-- The business rule a failure broke and what it is about (customer-is-not-on-hold, the customer's id), so that the
-- errors one cause makes are grouped and fixed once (GET /api/integration-jobs/{id}/errors/groups). Null for a system
-- failure. Failures recorded before this carry the rule only in their cause's words: a customer hold is read back
-- from them.
ALTER TABLE sync_error ADD COLUMN rule VARCHAR(100), ADD COLUMN subject VARCHAR(255);

UPDATE sync_error
SET rule = 'customer-is-not-on-hold',
    subject = substring(cause FROM '^Customer (.+?) is on hold in Finance \(')
WHERE category = 'APPLICATION' AND cause ~ '^Customer .+? is on hold in Finance \(';
