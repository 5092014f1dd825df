-- 0013 messages (我的消息) and the notification outbox. A message is what one account reads in
-- the app about what happened (to their cases, or in their scope as staff); the outbox holds what
-- must leave the system (an SMS through the webhook channel) until the channel took it. Both are
-- written in the transaction of the change they tell about: nothing is told unless it committed,
-- and nothing committed is lost. See docs/messages.md.
CREATE TABLE messages (
    id          {{id}},
    user_id     BIGINT NOT NULL REFERENCES users(id),
    case_id     BIGINT,                        -- the case it is about, NULL for none
    kind        TEXT NOT NULL,                 -- stable code: case.accepted, task.overdue, …
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    link        TEXT,                          -- web path to open, e.g. /my/cases/12
    read_at     BIGINT,                        -- NULL: unread
    created_at  BIGINT NOT NULL
);
-- one account's list, newest first, and its unread count
CREATE INDEX messages_user ON messages(user_id, id);

-- What goes out through a channel (sms: the webhook). pending → sending (claimed by one node
-- until claimed_until) → sent, or back to pending with attempts + 1 and a later next_at (full
-- jitter backoff), or failed after 12 attempts (kept, listed for admins, may be put back).
CREATE TABLE outbox (
    id            {{id}},
    channel       TEXT NOT NULL,               -- sms
    recipient     TEXT NOT NULL,               -- the phone number
    subject       TEXT,
    body          TEXT NOT NULL,
    case_id       BIGINT,
    message_id    BIGINT,                      -- the in-app message it repeats, if any
    state         TEXT NOT NULL DEFAULT 'pending', -- pending | sending | sent | failed
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_at       BIGINT NOT NULL,             -- not before (unix seconds)
    claimed_by    TEXT,                        -- the node sending it
    claimed_until BIGINT,                      -- the claim expires then (a crashed node's claim)
    last_error    TEXT,
    last_status   INTEGER,                     -- the receiver's HTTP status of the last attempt
    created_at    BIGINT NOT NULL,
    sent_at       BIGINT
);
CREATE INDEX outbox_due ON outbox(state, next_at);

-- A tolerated (容缺) material's reminder was sent on that day (YYYY-MM-DD): once per material.
ALTER TABLE case_materials ADD COLUMN reminded_on TEXT;

-- Reminders before a tolerated material's deadline (two working days ahead).
INSERT INTO jobs (name, every_s, next_run) VALUES ('cases.remind', 3600, 0);
-- the reminder job's walk: tolerated materials by deadline
CREATE INDEX case_materials_tolerated ON case_materials(deadline) WHERE status = 'tolerated';
