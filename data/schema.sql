-- Indicators database schema. The import builds a fresh file from data/ with this script;
-- the service only ever reads it. Bump schema_version when a change here needs new code.
PRAGMA foreign_keys = ON;

CREATE TABLE schema_version (
    version INTEGER NOT NULL
);
INSERT INTO schema_version (version) VALUES (4);

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
    quote          TEXT,                  -- NULL only for kind 'derived': it has no words of its own
    quote_start    INTEGER,               -- Unicode code points into sources.text
    quote_end      INTEGER,
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
-- the table (page 5,000 of a million rows: 4 ms instead of 35 ms). It holds kind because every default list
-- leaves derived figures out (kind <> 'derived'): without it each skipped row was read from the table
-- (page 5,000: 94 ms, bench/README.md).
CREATE INDEX observations_seq ON observations (seq, kind);

-- Figures of kind 'derived': computed from stated observations (its inputs) by the formula, which the
-- import evaluates itself. observations.source of a derived row is the one source all its inputs cite.
CREATE TABLE derivations (
    observation TEXT PRIMARY KEY REFERENCES observations (id),
    formula     TEXT NOT NULL,      -- arithmetic over [input-id] references, e.g. [a] / [b]
    inputs      TEXT NOT NULL       -- JSON array of the input ids, in order of first use in the formula
) STRICT;

-- One row per import that produced this file's data, newest last; earlier rows are carried over from
-- the database the import replaced, so the history survives rebuilds.
CREATE TABLE releases (
    seq        INTEGER PRIMARY KEY, -- import order; the newest is the release this file serves
    id         TEXT NOT NULL,       -- SHA-256 (hex, first 16 digits) of every file the import read; a revert repeats one
    built_at   TEXT NOT NULL,       -- UTC, ISO 8601 to the second
    counts     TEXT NOT NULL,       -- JSON object: rows per table
    changelog  TEXT NOT NULL        -- one human line, from data/release-note.txt
) STRICT;

-- Full-text search (q= on /v1/observations) over what a reader looks for: the quote, the name and
-- description of what it measures and of whom it is about (q=motorway finds the road's figures, though
-- the quotes say only "travel time"). rowid is observations.seq. A trigger fills it as observations are
-- inserted, so every way of inserting one (stated or derived) is searchable without an import step.
CREATE VIRTUAL TABLE observations_search USING fts5 (
    quote, indicator_name, indicator_description, entity_name, entity_description,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER observations_search_insert AFTER INSERT ON observations BEGIN
    INSERT INTO observations_search (rowid, quote, indicator_name, indicator_description, entity_name, entity_description)
    SELECT new.seq, new.quote, i.name, i.description, e.name, e.description
    FROM indicators i, entities e WHERE i.code = new.indicator AND e.code = new.entity;
END;
