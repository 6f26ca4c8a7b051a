-- Indicators database schema. The import builds a fresh file from data/ with this script;
-- the service only ever reads it. Bump schema_version when a change here needs new code.
PRAGMA foreign_keys = ON;

CREATE TABLE schema_version (
    version INTEGER NOT NULL
);
INSERT INTO schema_version (version) VALUES (1);

CREATE TABLE sources (
    id           TEXT PRIMARY KEY,
    title        TEXT NOT NULL,
    standfirst   TEXT,
    author       TEXT,
    published_on TEXT,          -- ISO date, or NULL where the text gives none
    publisher    TEXT,
    url          TEXT,
    licence      TEXT,
    text         TEXT NOT NULL  -- the document byte for byte; citation offsets index into it
) STRICT;

CREATE TABLE units (
    id    TEXT PRIMARY KEY,
    code  TEXT NOT NULL,
    scale REAL NOT NULL,
    label TEXT NOT NULL
) STRICT;

CREATE TABLE indicators (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    unit        TEXT NOT NULL REFERENCES units (id),
    topic       TEXT NOT NULL,
    description TEXT NOT NULL
) STRICT;

CREATE TABLE entities (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    type        TEXT NOT NULL,
    description TEXT NOT NULL
) STRICT;

CREATE TABLE observations (
    seq            INTEGER PRIMARY KEY,   -- reading order (source, then position): the list order and the keyset cursor
    id             TEXT NOT NULL UNIQUE,
    source         TEXT NOT NULL REFERENCES sources (id),
    indicator      TEXT NOT NULL REFERENCES indicators (code),
    entity         TEXT NOT NULL REFERENCES entities (code),
    counterpart    TEXT REFERENCES entities (code),
    period_label   TEXT NOT NULL,
    start_year     INTEGER,
    end_year       INTEGER,
    period_inferred INTEGER NOT NULL,
    value          REAL NOT NULL,
    unit           TEXT NOT NULL REFERENCES units (id),
    qualifier      TEXT NOT NULL,
    qualifier_text TEXT,
    kind           TEXT NOT NULL,
    quote          TEXT NOT NULL,
    quote_start    INTEGER NOT NULL,      -- Unicode code points into sources.text
    quote_end      INTEGER NOT NULL,
    note           TEXT
) STRICT;

CREATE INDEX observations_indicator ON observations (indicator, seq);
CREATE INDEX observations_entity ON observations (entity, seq);
CREATE INDEX observations_source ON observations (source, seq);
CREATE INDEX observations_years ON observations (start_year, end_year);
-- The list filters on indicator and entity together most: this index yields their rows in seq order,
-- and holds the years so the year filter and COUNT(*) never touch the table.
CREATE INDEX observations_indicator_entity ON observations (indicator, entity, seq, start_year, end_year);
-- seq is the rowid already, but this index is a few bytes a row: OFFSET paging (page=) walks it instead of
-- the table (page 5,000 of a million rows: 4 ms instead of 35 ms).
CREATE INDEX observations_seq ON observations (seq);
