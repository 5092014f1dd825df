-- 0012 tasks (分办任务): acceptance splits a case into one task per involved item of its
-- situation, each assigned to the item's department in the case's handling region, all at once.
-- A task's clock runs in working days from the working day after acceptance; suspension periods
-- (特别程序: hearing, testing, expert review) and the applicant's rectification (整改) stop it, and
-- each stopped period is kept in `suspensions` and in the task's history. `light` is what the
-- time-limit watch last saw (green, yellow: at most one working day left, red: overdue).
CREATE TABLE tasks (
    id              {{id}},
    case_id         BIGINT NOT NULL REFERENCES cases(id),
    case_number     TEXT NOT NULL,
    item_code       TEXT NOT NULL,             -- implementation code of the involved item
    item_name       TEXT NOT NULL,
    item_result     TEXT,                      -- the result the item gives (许可证, 执照, …)
    dept            TEXT NOT NULL REFERENCES depts(code),
    region          TEXT NOT NULL,             -- the case's handling region
    kind            TEXT NOT NULL,             -- immediate (即办件) | promised (承诺件)
    state           TEXT NOT NULL,             -- case_fsm.h task state names
    open            INTEGER NOT NULL DEFAULT 1, -- 1 until the task ends (approved, refused, closed)
    version         INTEGER NOT NULL,
    promised_days   INTEGER NOT NULL,          -- the item's promised limit, working days
    started_on      TEXT NOT NULL,             -- YYYY-MM-DD: the day of acceptance (counted from the next)
    due_day         TEXT,                      -- YYYY-MM-DD: the limit ends, later by every stop
    light           TEXT NOT NULL DEFAULT 'green',
    stopped_since   TEXT,                      -- YYYY-MM-DD: the clock stopped on that day (suspended, rectifying)
    stop_reason     TEXT,                      -- hearing | testing | inspection | expert_review | rectification
    suspensions     TEXT NOT NULL DEFAULT '[]', -- JSON [{"start","end","reason"}]: every stopped period
    rectify_note    TEXT,                      -- 整改: what to fix
    rectify_by      TEXT,                      -- YYYY-MM-DD: by when
    opinion         TEXT,                      -- the decision's opinion
    basis           TEXT,                      -- the legal reason of a refusal
    decided_by      BIGINT,
    decided_at      BIGINT,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    UNIQUE (case_id, item_code)
);
-- the department's workbench: its open tasks, its tasks of one state, all its tasks, by due day
CREATE INDEX tasks_dept_open ON tasks(dept, open, due_day, id);
CREATE INDEX tasks_dept_state ON tasks(dept, state, due_day, id);
CREATE INDEX tasks_dept_all ON tasks(dept, due_day, id);
-- the time-limit watch: running tasks by due day
CREATE INDEX tasks_watch ON tasks(state, due_day, light);
CREATE INDEX tasks_case ON tasks(case_id, id);

-- How many tasks each department has in each state, kept with every insert and state change
-- (the workbench shows the total of its list without counting 100,000 rows per request).
CREATE TABLE task_counts (
    dept        TEXT NOT NULL,
    state       TEXT NOT NULL,
    n           BIGINT NOT NULL,
    PRIMARY KEY (dept, state)
);

-- What happened to a task, in order (the audit log has the same facts).
CREATE TABLE task_events (
    id          {{id}},
    task_id     BIGINT NOT NULL REFERENCES tasks(id),
    case_id     BIGINT NOT NULL REFERENCES cases(id),
    event       TEXT NOT NULL,
    from_state  TEXT NOT NULL,
    to_state    TEXT NOT NULL,
    actor_id    BIGINT,
    actor_role  TEXT NOT NULL,
    detail      TEXT,                          -- JSON: opinion, reason, period, …
    at          BIGINT NOT NULL
);
CREATE INDEX task_events_task ON task_events(task_id, id);

-- The time-limit watch: yellow at one working day left, red when overdue; the department and the
-- supervisors of the region are told.
INSERT INTO jobs (name, every_s, next_run) VALUES ('tasks.watch', 3600, 0);
