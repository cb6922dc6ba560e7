-- Clocks from the date the law names (CPC 147, 172, 174, 240, 277), extensions as CPC 147/172 grant them, statutory
-- suspension grounds, the trial panel's return, appeals per appellant, and public holidays for CPC 134's rest days.
ALTER TABLE dbo.cases ADD clock_start_on            DATE NULL;
ALTER TABLE dbo.cases ADD clock_resumed             BIT NOT NULL CONSTRAINT df_cases_clock_resumed DEFAULT 0;
ALTER TABLE dbo.cases ADD extension_count           INT NOT NULL CONSTRAINT df_cases_extension_count DEFAULT 0;
ALTER TABLE dbo.cases ADD extension_request_months  INT NULL;
ALTER TABLE dbo.cases ADD extension_request_days    INT NULL;
ALTER TABLE dbo.cases ADD extension_request_on      DATE NULL;
ALTER TABLE dbo.cases ADD extension_request_late    BIT NULL;
ALTER TABLE dbo.cases ADD extension_request_pg      BIT NULL;
ALTER TABLE dbo.cases ADD suspension_ground         NVARCHAR(40) NULL;
ALTER TABLE dbo.cases ADD panel_returns             INT NOT NULL CONSTRAINT df_cases_panel_returns DEFAULT 0;
ALTER TABLE dbo.cases ADD opening_force_majeure     BIT NOT NULL CONSTRAINT df_cases_opening_force_majeure DEFAULT 0;
ALTER TABLE dbo.cases ADD appellants                NVARCHAR(200) NULL;

-- Years for which holidays are loaded, with their source; complete = 1 when the government's schedule of days off is in.
CREATE TABLE dbo.holiday_years (
    year      INT NOT NULL PRIMARY KEY,
    complete  BIT NOT NULL,
    source    NVARCHAR(1000) NOT NULL
);

-- A public holiday or day off (working_day = 0), or a weekend day made a working day by the schedule (working_day = 1).
CREATE TABLE dbo.holidays (
    day          DATE NOT NULL PRIMARY KEY,
    year         INT NOT NULL REFERENCES dbo.holiday_years(year),
    name         NVARCHAR(200) NOT NULL,
    working_day  BIT NOT NULL
);
