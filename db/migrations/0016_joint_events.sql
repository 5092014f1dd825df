-- 0016 joint events (联合评审 / 联合勘验 / 联合验收): the lead department of a case's matter
-- schedules one event for several pending tasks of that case (time, place, participants); each
-- department whose task is in the event records its opinion once; the lead concludes, and the
-- conclusion (pass, fail, pass after rectification) is applied to every task of the event in one
-- transaction. See docs/joint.md.
CREATE TABLE joint_events (
    id            {{id}},
    case_id       BIGINT NOT NULL REFERENCES cases(id),
    case_number   TEXT NOT NULL,
    region        TEXT NOT NULL,               -- the case's handling region (scope)
    kind          TEXT NOT NULL,               -- review (联合评审) | inspection (联合勘验) | acceptance (联合验收)
    lead_dept     TEXT NOT NULL REFERENCES depts(code),
    scheduled_at  TEXT NOT NULL,               -- local time (UTC+8) "YYYY-MM-DDTHH:MM"
    place         TEXT NOT NULL,
    participants  TEXT NOT NULL,               -- JSON [{"name","dept","role"}]
    state         TEXT NOT NULL,               -- scheduled | concluded | cancelled
    conclusion    TEXT,                        -- pass | fail | pass_after_rectification
    rectify_note  TEXT,                        -- pass_after_rectification: what to fix
    rectify_by    TEXT,                        -- YYYY-MM-DD: by when
    note          TEXT,                        -- the conclusion's note (a failure's basis), or why cancelled
    version       INTEGER NOT NULL,
    created_by    BIGINT NOT NULL REFERENCES users(id),
    created_at    BIGINT NOT NULL,
    concluded_by  BIGINT,                      -- who concluded or cancelled it
    concluded_at  BIGINT,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX joint_events_case ON joint_events(case_id, id);
CREATE INDEX joint_events_lead ON joint_events(lead_dept, state, id);

-- The tasks an event decides.
CREATE TABLE joint_event_tasks (
    event_id  BIGINT NOT NULL REFERENCES joint_events(id),
    task_id   BIGINT NOT NULL REFERENCES tasks(id),
    UNIQUE (event_id, task_id)
);
CREATE INDEX joint_event_tasks_task ON joint_event_tasks(task_id, event_id);

-- One opinion per participating department and event.
CREATE TABLE joint_opinions (
    event_id  BIGINT NOT NULL REFERENCES joint_events(id),
    dept      TEXT NOT NULL REFERENCES depts(code),
    verdict   TEXT NOT NULL,                   -- pass | fail | rectify
    opinion   TEXT NOT NULL,
    by_user   BIGINT NOT NULL REFERENCES users(id),
    at        BIGINT NOT NULL,
    UNIQUE (event_id, dept)
);
