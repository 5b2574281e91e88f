-- Support tickets (contract support-tickets-api/v1, schema Ticket). The checks repeat the contract's limits so that
-- a row the API could not have written is refused by the database too.
CREATE TABLE ticket (
    id              uuid          PRIMARY KEY,
    customer_id     varchar(64)   NOT NULL,
    subject         varchar(200)  NOT NULL,
    description     varchar(4000) NOT NULL,
    priority        varchar(8)    NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    status          varchar(16)   NOT NULL CHECK (status IN ('open')),
    customer_tier   varchar(16)   NOT NULL CHECK (customer_tier IN ('standard', 'gold', 'platinum')),
    created_at      timestamptz   NOT NULL,
    response_due_by timestamptz   NOT NULL CHECK (response_due_by >= created_at)
);

-- A customer's tickets, newest first: the query support staff run most.
CREATE INDEX ticket_customer_created ON ticket (customer_id, created_at DESC);
