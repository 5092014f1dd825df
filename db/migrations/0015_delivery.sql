-- 0015 one delivery (一次送达) and the hand-overs of paper materials (资料流转). See docs/delivery.md.
--
-- A case has at most one delivery: the method the applicant (or the window for a walk-in) chose
-- after acceptance, changed freely until the results leave (state sent); when the case has
-- concluded the results go out together by that method, and the case is delivered and then
-- archived. Pickup keeps the signer and the signature image (in the content-addressed file store
-- under its SHA-256) and the 送达回证 number; post the address and the EMS tracking number.
CREATE TABLE deliveries (
    id                {{id}},
    case_id           BIGINT NOT NULL UNIQUE REFERENCES cases(id),
    method            TEXT NOT NULL,           -- pickup | post | online | sms | notice
    state             TEXT NOT NULL,           -- chosen | sent | delivered
    recipient_name    TEXT,
    phone             TEXT,                    -- a mobile number (post, sms)
    address           TEXT,                    -- JSON {"province","city","district","detail","postcode"} (post)
    tracking_number   TEXT,                    -- UPU S10, e.g. EA123456785CN (post)
    signature_sha256  TEXT,                    -- the signature image (PNG) in the file store (pickup)
    signer_name       TEXT,
    signer_id_number  TEXT,
    receipt_notice    TEXT,                    -- the 送达回证 number (pickup)
    public_notice     TEXT,                    -- the 公告送达 number (notice)
    chosen_by         BIGINT NOT NULL,
    chosen_at         BIGINT NOT NULL,
    sent_at           BIGINT,
    delivered_at      BIGINT,
    delivered_by      BIGINT,                  -- NULL: the system (online, sms)
    version           INTEGER NOT NULL
);

-- Every hand-over of a package of paper materials (its scanned code): window → courier →
-- department → courier → window, with the time, who recorded it and, where known, who gave and who
-- received it. Rows are never changed.
CREATE TABLE handovers (
    id              {{id}},
    case_id         BIGINT NOT NULL REFERENCES cases(id),
    task_id         BIGINT REFERENCES tasks(id), -- the department's task the package goes to
    step            TEXT NOT NULL,             -- window_to_courier | courier_to_dept | dept_to_courier | courier_to_window
    package         TEXT NOT NULL,
    from_user       BIGINT,                    -- who handed it over, when known
    to_user         BIGINT,                    -- who received it, when known
    recorded_by     BIGINT NOT NULL,
    recorded_role   TEXT NOT NULL,
    note            TEXT,
    at              BIGINT NOT NULL
);
CREATE INDEX handovers_case ON handovers(case_id, package, id);
CREATE INDEX handovers_recorder ON handovers(recorded_by, id);
-- a scanned code finds its package (the courier's page)
CREATE INDEX handovers_package ON handovers(package, id);
