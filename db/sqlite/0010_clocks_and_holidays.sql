-- Clocks from the date the law names (CPC 147, 172, 174, 240, 277), extensions as CPC 147/172 grant them, statutory
-- suspension grounds, the trial panel's return, appeals per appellant, and public holidays for CPC 134's rest days.
ALTER TABLE cases ADD COLUMN clock_start_on TEXT NULL;
ALTER TABLE cases ADD COLUMN clock_resumed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN extension_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN extension_request_months INTEGER NULL;
ALTER TABLE cases ADD COLUMN extension_request_days INTEGER NULL;
ALTER TABLE cases ADD COLUMN extension_request_on TEXT NULL;
ALTER TABLE cases ADD COLUMN extension_request_late INTEGER NULL;
ALTER TABLE cases ADD COLUMN extension_request_pg INTEGER NULL;
ALTER TABLE cases ADD COLUMN suspension_ground TEXT NULL;
ALTER TABLE cases ADD COLUMN panel_returns INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN opening_force_majeure INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN appellants TEXT NULL;

-- Years for which holidays are loaded, with their source; complete = 1 when the government's schedule of days off is in.
CREATE TABLE holiday_years (
    year      INTEGER NOT NULL PRIMARY KEY,
    complete  INTEGER NOT NULL,
    source    TEXT NOT NULL
);

-- A public holiday or day off (working_day = 0), or a weekend day made a working day by the schedule (working_day = 1).
CREATE TABLE holidays (
    day          TEXT NOT NULL PRIMARY KEY,
    year         INTEGER NOT NULL REFERENCES holiday_years(year),
    name         TEXT NOT NULL,
    working_day  INTEGER NOT NULL
);
