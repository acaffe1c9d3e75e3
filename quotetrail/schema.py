"""The SQLite schema as numbered migrations. Append; never edit a released one.

Tables (documented for sqlite3 and Datasette users in docs/schema.md):
  articles        one row per distinct article text (content_hash is unique)
  speakers        one canonical person; speaker_aliases: every name seen
  statements      one thing said, grouped across articles
  mentions        one report of a statement in one article (offsets into articles.text)
  stories         articles about one event
  speaker_fixes   manual merge/split decisions, replayed after every ingest
  mentions_fts    FTS5 index over mention text
  align_bands     MinHash LSH band keys of mention sentences (align candidates);
                  align_bands_new: postings not yet folded into it
  story_bands     MinHash LSH band keys of article leads; story_features: their terms
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: the foundation
    """
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,
        format TEXT NOT NULL,
        outlet TEXT,
        title TEXT,
        published TEXT,
        published_evidence TEXT,
        published_origin TEXT,
        text TEXT NOT NULL,
        story_id INTEGER REFERENCES stories(id),
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_source ON articles(source);
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_story ON articles(story_id);

    CREATE TABLE speakers (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        roles TEXT NOT NULL DEFAULT '[]',
        wikidata TEXT
    );
    CREATE INDEX speakers_name ON speakers(name);

    CREATE TABLE speaker_aliases (
        speaker_id INTEGER NOT NULL REFERENCES speakers(id),
        alias TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT 'text',
        PRIMARY KEY (alias, speaker_id)
    );
    CREATE INDEX speaker_aliases_speaker ON speaker_aliases(speaker_id);

    CREATE TABLE statements (
        id TEXT PRIMARY KEY,
        speaker_id INTEGER REFERENCES speakers(id),
        text TEXT NOT NULL,
        said_on TEXT,
        said_on_granularity TEXT,
        first_reported TEXT
    );
    CREATE INDEX statements_speaker ON statements(speaker_id);
    CREATE INDEX statements_said_on ON statements(said_on);

    CREATE TABLE mentions (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        statement_id TEXT REFERENCES statements(id),
        kind TEXT NOT NULL CHECK (kind IN ('direct', 'indirect', 'mixed')),
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        cue TEXT,
        speaker_mention TEXT,
        speaker_name TEXT,
        speaker_id INTEGER REFERENCES speakers(id),
        roles TEXT NOT NULL DEFAULT '[]',
        channel TEXT,
        confidence REAL NOT NULL,
        said_on TEXT,
        said_on_granularity TEXT,
        said_on_evidence TEXT,
        said_on_inherited INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE INDEX mentions_statement ON mentions(statement_id);
    CREATE INDEX mentions_speaker ON mentions(speaker_id);

    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        title TEXT,
        start TEXT,
        "end" TEXT
    );

    CREATE TABLE speaker_fixes (
        id INTEGER PRIMARY KEY,
        action TEXT NOT NULL CHECK (action IN ('merge', 'split')),
        name_a TEXT NOT NULL,
        name_b TEXT NOT NULL,
        created_at TEXT NOT NULL
    );

    CREATE VIRTUAL TABLE mentions_fts USING fts5(
        text, content='mentions', content_rowid='id', tokenize='porter unicode61'
    );
    CREATE TRIGGER mentions_fts_insert AFTER INSERT ON mentions BEGIN
        INSERT INTO mentions_fts(rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER mentions_fts_delete AFTER DELETE ON mentions BEGIN
        INSERT INTO mentions_fts(mentions_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    """,
    # 2: people, align and stories indexes (issue 4)
    """
    ALTER TABLE speaker_aliases ADD COLUMN key TEXT NOT NULL DEFAULT '';
    ALTER TABLE speaker_aliases ADD COLUMN surname TEXT NOT NULL DEFAULT '';
    ALTER TABLE speaker_aliases ADD COLUMN uses INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX speaker_aliases_key ON speaker_aliases(key);
    CREATE INDEX speaker_aliases_surname ON speaker_aliases(surname);
    ALTER TABLE mentions ADD COLUMN speaker_key TEXT;
    CREATE INDEX mentions_speaker_key ON mentions(speaker_key);

    CREATE TABLE align_bands (
        key INTEGER NOT NULL,
        mention_id INTEGER NOT NULL
    );
    CREATE INDEX align_bands_key ON align_bands(key);

    CREATE TABLE story_bands (
        key INTEGER NOT NULL,
        article_id INTEGER NOT NULL
    );
    CREATE INDEX story_bands_key ON story_bands(key);

    CREATE TABLE story_features (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id),
        day INTEGER,
        terms TEXT NOT NULL,
        entities TEXT NOT NULL
    );
    """,
    # 3: band postings clustered by key (issue 6): a lookup reads only the index,
    # and an insert writes one b-tree instead of a table plus an index; people's
    # co-occurrence counts read (speaker, article) pairs from an index alone.
    # New band postings collect in align_bands_new and are folded in bulk.
    """
    CREATE TABLE align_bands_by_key (
        key INTEGER NOT NULL,
        mention_id INTEGER NOT NULL,
        PRIMARY KEY (key, mention_id)
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO align_bands_by_key (key, mention_id)
        SELECT key, mention_id FROM align_bands ORDER BY key, mention_id;
    DROP TABLE align_bands;
    ALTER TABLE align_bands_by_key RENAME TO align_bands;

    CREATE TABLE story_bands_by_key (
        key INTEGER NOT NULL,
        article_id INTEGER NOT NULL,
        PRIMARY KEY (key, article_id)
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO story_bands_by_key (key, article_id)
        SELECT key, article_id FROM story_bands ORDER BY key, article_id;
    DROP TABLE story_bands;
    ALTER TABLE story_bands_by_key RENAME TO story_bands;

    CREATE TABLE align_bands_new (
        key INTEGER NOT NULL,
        mention_id INTEGER NOT NULL
    );
    CREATE INDEX align_bands_new_key ON align_bands_new(key);

    CREATE INDEX mentions_speaker_article ON mentions(speaker_id, article_id);
    DROP INDEX mentions_speaker;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
