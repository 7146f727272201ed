-- Lookups the command side decides with, kept in the same transaction as the events that change them (subscribing
-- processor "command-lookups"). They answer questions no single aggregate can: which invoice holds a backlog
-- transaction, and what the project parameters are when a job is run.

CREATE TABLE backlog_transaction (
    transaction_id      UUID           PRIMARY KEY,
    project_contract_id VARCHAR(100)   NOT NULL,
    project_id          VARCHAR(100)   NOT NULL,
    contract_line_id    VARCHAR(100)   NOT NULL,
    transaction_class   VARCHAR(20)    NOT NULL,
    quantity            NUMERIC(19, 2) NOT NULL CHECK (quantity > 0),
    unit_price          NUMERIC(19, 4) NOT NULL CHECK (unit_price >= 0),
    currency            CHAR(3)        NOT NULL,
    transaction_date    DATE           NOT NULL,
    description         VARCHAR(500),
    -- The draft or confirmed proforma holding this transaction: a transaction is invoiced once.
    reserved_by_invoice UUID
);

CREATE INDEX backlog_transaction_by_contract ON backlog_transaction (project_contract_id);

CREATE TABLE integration_prerequisites (
    id                             SMALLINT PRIMARY KEY CHECK (id = 1),
    project_task_time_tracking     VARCHAR(20),
    project_actual_values_tracking VARCHAR(20),
    core_solution_version          VARCHAR(50)
);
