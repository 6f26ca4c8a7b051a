-- Indicators database schema. The import builds a fresh file from data/ (the published releases in
-- data/releases/ and the data folder) with this script; the service only ever reads it. Bump schema_version
-- when a change here needs new code. The schema is code, not data: changing it makes no new release.
PRAGMA foreign_keys = ON;

CREATE TABLE schema_version (
    version INTEGER NOT NULL
);
INSERT INTO schema_version (version) VALUES (5);

-- Every release the file holds, in publication order; the last is the one served when a request names none.
CREATE TABLE releases (
    seq          INTEGER PRIMARY KEY, -- publication order, from 1: what the corrections log names a release by
    id           TEXT NOT NULL UNIQUE, -- first 16 hex digits of the SHA-256 of the manifest
    published_at TEXT,                 -- UTC, ISO 8601 to the second; NULL for the data folder's release, unpublished
    built_at     TEXT NOT NULL,        -- published_at, or when the unpublished release was first built
    counts       TEXT NOT NULL,        -- JSON object: rows per table in the release
    changelog    TEXT NOT NULL,        -- one human line, from data/release-note.txt
    manifest     TEXT NOT NULL         -- the sha256sum lines of the files the release was built from
) STRICT;

-- Every table of records below holds versions of rows, a row per change: a version belongs to releases
-- valid_from up to, not including, valid_to (NULL: it is still in the newest release). A query for release R
-- reads the rows with valid_from <= R AND (valid_to IS NULL OR valid_to > R): one row per record.

CREATE TABLE sources (
    vid          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL,
    title        TEXT NOT NULL,
    standfirst   TEXT,
    author       TEXT,
    published_on TEXT,          -- ISO date, or NULL where the text gives none
    publisher    TEXT,
    url          TEXT,
    licence      TEXT,
    text         TEXT NOT NULL, -- the document byte for byte; citation offsets index into it
    valid_from   INTEGER NOT NULL,
    valid_to     INTEGER
) STRICT;
CREATE INDEX sources_id ON sources (id, valid_from);

CREATE TABLE units (
    vid        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL,
    code       TEXT NOT NULL,
    scale      REAL NOT NULL,
    label      TEXT NOT NULL,
    valid_from INTEGER NOT NULL,
    valid_to   INTEGER
) STRICT;
CREATE INDEX units_id ON units (id, valid_from);

CREATE TABLE indicators (
    vid         INTEGER PRIMARY KEY,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    unit        TEXT NOT NULL,
    topic       TEXT NOT NULL,
    description TEXT NOT NULL,
    valid_from  INTEGER NOT NULL,
    valid_to    INTEGER
) STRICT;
CREATE INDEX indicators_code ON indicators (code, valid_from);

CREATE TABLE entities (
    vid         INTEGER PRIMARY KEY,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    type        TEXT NOT NULL,
    description TEXT NOT NULL,
    valid_from  INTEGER NOT NULL,
    valid_to    INTEGER
) STRICT;
CREATE INDEX entities_code ON entities (code, valid_from);

-- What curators established about a source outside its text (data/facts.csv): what, by whom, when and how.
CREATE TABLE facts (
    vid            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL,
    source         TEXT NOT NULL,
    fact           TEXT NOT NULL, -- also-published-in
    title          TEXT NOT NULL,
    author         TEXT,
    publisher      TEXT NOT NULL,
    published_on   TEXT,
    url            TEXT NOT NULL,
    established_by TEXT NOT NULL,
    established_on TEXT NOT NULL,
    how            TEXT NOT NULL,
    valid_from     INTEGER NOT NULL,
    valid_to       INTEGER
) STRICT;
CREATE INDEX facts_source ON facts (source, valid_from);

CREATE TABLE observations (
    seq            INTEGER PRIMARY KEY,   -- reading order (source, then position) over every version: the list order and the keyset cursor
    id             TEXT NOT NULL,
    source         TEXT NOT NULL,
    indicator      TEXT NOT NULL,
    entity         TEXT NOT NULL,
    counterpart    TEXT,
    period_label   TEXT NOT NULL,
    start_year     INTEGER,
    end_year       INTEGER,
    period_inferred INTEGER NOT NULL,
    value          REAL NOT NULL,
    unit           TEXT NOT NULL,
    qualifier      TEXT NOT NULL,
    qualifier_text TEXT,
    kind           TEXT NOT NULL,
    quote          TEXT,                  -- NULL only for kind 'derived': it has no words of its own
    quote_start    INTEGER,               -- Unicode code points into the text of its source's version
    quote_end      INTEGER,
    note           TEXT,
    valid_from     INTEGER NOT NULL,
    valid_to       INTEGER
) STRICT;

-- Every index ends with the validity, so a release's rows are told apart in the index, without the table.
CREATE INDEX observations_id ON observations (id, valid_from);
CREATE INDEX observations_indicator ON observations (indicator, seq, valid_from, valid_to);
CREATE INDEX observations_entity ON observations (entity, seq, valid_from, valid_to);
CREATE INDEX observations_source ON observations (source, seq, valid_from, valid_to);
CREATE INDEX observations_years ON observations (start_year, end_year);
-- The list filters on indicator and entity together most: this index yields their rows in seq order,
-- and holds the years so the year filter and COUNT(*) never touch the table.
CREATE INDEX observations_indicator_entity ON observations (indicator, entity, seq, start_year, end_year, valid_from, valid_to);
-- seq is the rowid already, but this index is a few bytes a row: OFFSET paging (page=) walks it instead of
-- the table (page 5,000 of a million rows: 4 ms instead of 35 ms). It holds kind because every default list
-- leaves derived figures out (kind <> 'derived'): without it each skipped row was read from the table
-- (page 5,000: 94 ms, bench/README.md).
CREATE INDEX observations_seq ON observations (seq, kind, valid_from, valid_to);

-- Figures of kind 'derived': computed from stated observations (its inputs) by the formula, which the
-- import evaluates itself. One row per version of the figure (seq is the version's observations.seq);
-- observations.source of a derived row is the one source all its inputs cite.
CREATE TABLE derivations (
    seq     INTEGER PRIMARY KEY,
    formula TEXT NOT NULL,      -- arithmetic over [input-id] references, e.g. [a] / [b]
    inputs  TEXT NOT NULL       -- JSON array of the input ids, in order of first use in the formula
) STRICT;

-- What each release added, changed and withdrew since the one before, with the curator's reason.
CREATE TABLE changes (
    release      INTEGER NOT NULL,
    ord          INTEGER NOT NULL,  -- the order listed: figures first, then sources, indicators, entities, units, facts; by id
    record       TEXT NOT NULL,     -- observation, source, indicator, entity, unit or fact
    id           TEXT NOT NULL,
    change       TEXT NOT NULL,     -- added, changed or withdrawn
    old_row      INTEGER,           -- the version before (observations.seq, or the table's vid); NULL when added
    new_row      INTEGER,           -- the version after; NULL when withdrawn
    fields       TEXT NOT NULL,     -- JSON array of {"field", "old", "new"}, by the data files' column names
    reason       TEXT,              -- from the corrections log; NULL for releases published before it
    follows_from TEXT,              -- "source <id>" when the change is a consequence of another, not a curator's
    PRIMARY KEY (release, ord)
) STRICT, WITHOUT ROWID;
CREATE INDEX changes_record ON changes (record, id, release);

-- Full-text search (q= on /v1/observations) over what a reader looks for: the quote, the name and
-- description of what it measures and of whom it is about (q=motorway finds the road's figures, though
-- the quotes say only "travel time"). One row per version of those words: a figure's row changes with its
-- quote and with its indicator's or entity's name; search_versions says which figure version and releases.
CREATE VIRTUAL TABLE observations_search USING fts5 (
    quote, indicator_name, indicator_description, entity_name, entity_description,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TABLE search_versions (
    rowid      INTEGER PRIMARY KEY, -- observations_search.rowid
    seq        INTEGER NOT NULL,    -- observations.seq of the figure version
    valid_from INTEGER NOT NULL,
    valid_to   INTEGER
) STRICT;
