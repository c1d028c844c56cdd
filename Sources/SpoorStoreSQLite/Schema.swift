import GRDB

/// The SQLite schema, as `DatabaseMigrator` migrations. Times are integer milliseconds since
/// 1970 (``SpoorStore/StoreTime``); JSON is stored as text exactly as given.
enum Schema {
    /// The migrator: each migration runs once, in order, in its own transaction.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(v1ID) { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration(v2ID) { db in
            try db.execute(sql: v2)
        }
        return migrator
    }

    /// The first migration's identifier.
    static let v1ID = "v1: scans, frontier, fetches, listings, queue, audit"
    /// The second migration's identifier.
    static let v2ID = "v2: sellers, contacts, images"

    static let v1 = """
        CREATE TABLE scans (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            label TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            finished_at INTEGER,
            status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'stopped', 'failed')),
            config_json TEXT NOT NULL,
            summary_json TEXT
        );
        CREATE INDEX scans_by_label ON scans (label, status, id);

        CREATE TABLE frontier (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            host TEXT NOT NULL,
            depth INTEGER NOT NULL,
            priority INTEGER NOT NULL DEFAULT 0,
            state TEXT NOT NULL CHECK (state IN ('queued', 'leased', 'done', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_fetch_at INTEGER NOT NULL,
            lease_owner TEXT,
            lease_expires_at INTEGER,
            lease_generation INTEGER NOT NULL DEFAULT 0,
            last_error_code TEXT,
            last_error TEXT,
            admitted_at INTEGER NOT NULL,
            finished_at INTEGER,
            UNIQUE (scan_id, url)
        );
        -- The claim query: due queued rows in claim order, and lapsed leases.
        CREATE INDEX frontier_claim ON frontier (scan_id, state, priority DESC, depth, id);
        CREATE INDEX frontier_due ON frontier (scan_id, state, next_fetch_at);
        CREATE INDEX frontier_lapsed ON frontier (scan_id, state, lease_expires_at);

        CREATE TABLE robots (
            host TEXT PRIMARY KEY,
            fetched_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            status INTEGER,
            body TEXT NOT NULL
        );

        CREATE TABLE fetches (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            status INTEGER,
            fetched_at INTEGER NOT NULL,
            ip_address TEXT,
            bytes INTEGER NOT NULL,
            digest TEXT,
            truncation TEXT,
            error_code TEXT,
            etag TEXT,
            last_modified TEXT
        );
        CREATE INDEX fetches_by_url ON fetches (url, fetched_at);
        CREATE INDEX fetches_by_scan ON fetches (scan_id);

        CREATE TABLE listings (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            identity_key TEXT NOT NULL UNIQUE,
            site TEXT NOT NULL,
            site_listing_id TEXT,
            canonical_url TEXT NOT NULL,
            url TEXT NOT NULL,
            title TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            version INTEGER NOT NULL,
            first_seen INTEGER NOT NULL,
            last_seen INTEGER NOT NULL,
            gone_at INTEGER
        );
        CREATE INDEX listings_by_site ON listings (site, last_seen);

        CREATE TABLE listing_versions (
            listing_id INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            title TEXT NOT NULL,
            price TEXT,
            currency TEXT,
            record_json TEXT NOT NULL,
            seen_at INTEGER NOT NULL,
            scan_id INTEGER REFERENCES scans (id) ON DELETE SET NULL,
            PRIMARY KEY (listing_id, version)
        );

        CREATE TABLE sightings (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            listing_id INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
            first_seen INTEGER NOT NULL,
            last_seen INTEGER NOT NULL,
            times_seen INTEGER NOT NULL,
            gone_at INTEGER,
            gone_cause TEXT CHECK (gone_cause IN ('http-404', 'http-410', 'removed-page', 'vanished-from-index')),
            last_scan_id INTEGER REFERENCES scans (id) ON DELETE SET NULL,
            gone_scan_id INTEGER REFERENCES scans (id) ON DELETE SET NULL,
            CHECK ((gone_at IS NULL) = (gone_cause IS NULL))
        );
        -- At most one open sighting per listing.
        CREATE UNIQUE INDEX sightings_open ON sightings (listing_id) WHERE gone_at IS NULL;
        CREATE INDEX sightings_by_listing ON sightings (listing_id, first_seen);

        CREATE TABLE verdicts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            listing_id INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
            content_hash TEXT NOT NULL,
            detector_digest TEXT NOT NULL,
            flagged INTEGER NOT NULL CHECK (flagged IN (0, 1)),
            score REAL NOT NULL,
            priority INTEGER NOT NULL,
            top_taxon TEXT,
            appendix TEXT,
            lang TEXT,
            site TEXT NOT NULL,
            verdict_json TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            UNIQUE (listing_id, content_hash, detector_digest)
        );

        CREATE TABLE queue_items (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            listing_id INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
            content_hash TEXT NOT NULL,
            verdict_id INTEGER NOT NULL REFERENCES verdicts (id),
            state TEXT NOT NULL
                CHECK (state IN ('new', 'in_review', 'confirmed', 'dismissed', 'reported', 'escalated')),
            priority INTEGER NOT NULL,
            score REAL NOT NULL,
            top_taxon TEXT,
            appendix TEXT,
            lang TEXT,
            site TEXT NOT NULL,
            url TEXT NOT NULL,
            assignee TEXT,
            lease_expires_at INTEGER,
            lease_generation INTEGER NOT NULL DEFAULT 0,
            dismissal_reason TEXT CHECK (dismissal_reason IN ('innocent_use', 'replica_or_synthetic',
                'not_cites_taxon', 'legal_with_documents', 'duplicate', 'other')),
            note TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            UNIQUE (listing_id, content_hash)
        );
        -- The queue's order is (priority DESC, id); one index per filter of `queue list`.
        CREATE INDEX queue_by_state ON queue_items (state, priority DESC, id);
        CREATE INDEX queue_by_priority ON queue_items (priority DESC, id);
        CREATE INDEX queue_by_taxon ON queue_items (top_taxon, priority DESC, id);
        CREATE INDEX queue_by_appendix ON queue_items (appendix, priority DESC, id);
        CREATE INDEX queue_by_site ON queue_items (site, priority DESC, id);
        CREATE INDEX queue_by_lang ON queue_items (lang, priority DESC, id);
        CREATE INDEX queue_by_created ON queue_items (created_at);

        CREATE TABLE audit_log (
            sequence INTEGER PRIMARY KEY,
            at_ms INTEGER NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            details_json TEXT NOT NULL,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        -- Append-only through the store. Whoever holds the file can drop these; the hash chain
        -- (and a pinned head) is what proves the log was not changed.
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

        CREATE TABLE review_actions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            item_id INTEGER NOT NULL REFERENCES queue_items (id) ON DELETE CASCADE,
            action TEXT NOT NULL,
            reason TEXT,
            from_state TEXT NOT NULL,
            to_state TEXT NOT NULL,
            actor TEXT NOT NULL,
            note TEXT,
            verdict_id INTEGER NOT NULL REFERENCES verdicts (id),
            at INTEGER NOT NULL,
            audit_sequence INTEGER NOT NULL REFERENCES audit_log (sequence)
        );
        CREATE INDEX review_actions_by_item ON review_actions (item_id, id);
        """

    static let v2 = """
        ALTER TABLE listings ADD COLUMN seller TEXT;
        CREATE INDEX listings_by_seller ON listings (site, seller) WHERE seller IS NOT NULL;

        CREATE TABLE contacts (
            listing_id INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('phone', 'email', 'whatsapp', 'wechat', 'telegram', 'line', 'zalo')),
            value TEXT NOT NULL,
            first_seen INTEGER NOT NULL,
            PRIMARY KEY (listing_id, kind, value)
        );
        -- Listings linked by a contact: the same kind and value.
        CREATE INDEX contacts_by_value ON contacts (kind, value);

        CREATE TABLE images (
            listing_id INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            digest TEXT,
            first_seen INTEGER NOT NULL,
            PRIMARY KEY (listing_id, url)
        );
        CREATE INDEX images_by_url ON images (url);
        CREATE INDEX images_by_digest ON images (digest) WHERE digest IS NOT NULL;
        """
}
