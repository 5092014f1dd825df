-- 0009 the working-day calendar (工作日历, docs/calendar.md): one row per year, its official holidays
-- and make-up working days (调休) as the normalized document {"holidays":[…],"workdays":[…]}.
-- Weekends are not stored: a day not listed is off when it is a Saturday or a Sunday. A year with
-- no row has no calendar, and working-day computations that reach it fail (never a guess).
CREATE TABLE calendar_years (
    year        INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2099),
    doc         TEXT NOT NULL,
    updated_at  BIGINT NOT NULL,
    updated_by  BIGINT NOT NULL            -- user id; 0 = the system (yici demo)
);
