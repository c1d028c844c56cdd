import Foundation
import GRDB
import SpoorStore

extension SQLiteStore {
    /// Upserts listings by identity, with versions and sightings.
    public func upsertListings(_ observations: [ListingObservation]) async throws -> [ListingUpsert] {
        try await write("upsert \(observations.count) listings") { db in
            var results: [ListingUpsert] = []
            results.reserveCapacity(observations.count)
            for o in observations {
                results.append(try Self.upsert(o, db))
            }
            return results
        }
    }

    static func upsert(_ o: ListingObservation, _ db: Database) throws -> ListingUpsert {
        let key = o.identity.key
        let seen = StoreTime.millis(o.seenAt)
        let existing = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, content_hash, version, last_seen FROM listings WHERE identity_key = ?"),
            arguments: [key])
        let listingID: Int64
        var version: Int
        var versionAdded = false
        let isNew = existing == nil
        if let existing {
            listingID = existing["id"]
            version = existing["version"]
            let hash: String = existing["content_hash"]
            if hash != o.contentHash {
                version += 1
                versionAdded = true
            }
            try db.cachedStatement(
                sql: """
                    UPDATE listings SET url = ?, title = CASE WHEN ? THEN ? ELSE title END,
                        content_hash = ?, version = ?, last_seen = MAX(last_seen, ?), gone_at = NULL,
                        seller = COALESCE(?, seller)
                    WHERE id = ?
                    """
            ).execute(arguments: [o.url, versionAdded, o.title, o.contentHash, version, seen, o.seller, listingID])
        } else {
            version = 1
            versionAdded = true
            try db.cachedStatement(
                sql: """
                    INSERT INTO listings (identity_key, site, site_listing_id, canonical_url, url, title,
                        content_hash, version, first_seen, last_seen, seller)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
                    """
            ).execute(arguments: [
                key, o.identity.site, o.identity.listingID, o.identity.canonicalURL, o.url, o.title, o.contentHash,
                seen, seen, o.seller,
            ])
            listingID = db.lastInsertedRowID
        }
        if versionAdded {
            try db.cachedStatement(
                sql: """
                    INSERT INTO listing_versions (listing_id, version, content_hash, title, price, currency,
                        record_json, seen_at, scan_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                listingID, version, o.contentHash, o.title, o.price, o.currency, o.recordJSON, seen, o.scanID,
            ])
        }
        try db.cachedStatement(
            sql: """
                UPDATE sightings SET last_seen = MAX(last_seen, ?), times_seen = times_seen + 1,
                    last_scan_id = COALESCE(?, last_scan_id)
                WHERE listing_id = ? AND gone_at IS NULL
                """
        ).execute(arguments: [seen, o.scanID, listingID])
        var sightingOpened = false
        if db.changesCount == 0 {
            try db.cachedStatement(
                sql: """
                    INSERT INTO sightings (listing_id, first_seen, last_seen, times_seen, last_scan_id)
                    VALUES (?, ?, ?, 1, ?)
                    """
            ).execute(arguments: [listingID, seen, seen, o.scanID])
            sightingOpened = true
        }
        return ListingUpsert(
            listingID: listingID, key: key, isNew: isNew, versionAdded: versionAdded, version: version,
            sightingOpened: sightingOpened)
    }

    /// Marks listings gone.
    public func markGone(_ marks: [GoneMark]) async throws -> Int {
        try await write("mark \(marks.count) listings gone") { db in
            let closeSighting = try db.cachedStatement(
                sql: """
                    UPDATE sightings SET gone_at = ?, gone_cause = ?, gone_scan_id = ?
                    WHERE gone_at IS NULL AND listing_id = (SELECT id FROM listings WHERE identity_key = ?)
                    """)
            let markListing = try db.cachedStatement(
                sql: "UPDATE listings SET gone_at = ? WHERE identity_key = ?")
            var closed = 0
            for mark in marks {
                let at = StoreTime.millis(mark.at)
                try closeSighting.execute(arguments: [at, mark.cause.rawValue, mark.scanID, mark.identity.key])
                guard db.changesCount > 0 else { continue }
                closed += 1
                try markListing.execute(arguments: [at, mark.identity.key])
            }
            return closed
        }
    }

    /// The listing with this identity.
    public func listing(_ identity: ListingKey) async throws -> StoredListing? {
        try await read("read listing \(identity.key)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM listings WHERE identity_key = ?", arguments: [identity.key])
                .map(Self.storedListing)
        }
    }

    /// The listing with this row id.
    public func listing(id: Int64) async throws -> StoredListing? {
        try await read("read listing \(id)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM listings WHERE id = ?", arguments: [id]).map(Self.storedListing)
        }
    }

    static func storedListing(_ row: Row) -> StoredListing {
        StoredListing(
            id: row["id"],
            identity: ListingKey(site: row["site"], listingID: row["site_listing_id"], canonicalURL: row["canonical_url"]),
            url: row["url"], title: row["title"], contentHash: row["content_hash"], version: row["version"],
            firstSeen: StoreTime.date(row["first_seen"]), lastSeen: StoreTime.date(row["last_seen"]),
            goneAt: (row["gone_at"] as Int64?).map(StoreTime.date), seller: row["seller"])
    }

    /// A listing's versions, oldest first.
    public func versions(listing: Int64) async throws -> [ListingVersion] {
        try await read("read the versions of listing \(listing)") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM listing_versions WHERE listing_id = ? ORDER BY version", arguments: [listing]
            ).map(Self.listingVersion)
        }
    }

    /// The current version of each listing seen since a time, a page at a time.
    public func currentVersions(seenSince: Date?, afterListing: Int64, limit: Int) async throws -> [ListingVersion] {
        guard limit > 0 else { return [] }
        let since = seenSince.map(StoreTime.millis) ?? Int64.min
        return try await read("read the current versions of listings") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT v.* FROM listings l
                    JOIN listing_versions v ON v.listing_id = l.id AND v.version = l.version
                    WHERE l.id > ? AND l.last_seen >= ?
                    ORDER BY l.id LIMIT ?
                    """,
                arguments: [afterListing, since, limit]
            ).map(Self.listingVersion)
        }
    }

    static func listingVersion(_ row: Row) -> ListingVersion {
        ListingVersion(
            listingID: row["listing_id"], version: row["version"], contentHash: row["content_hash"],
            title: row["title"], price: row["price"], currency: row["currency"], recordJSON: row["record_json"],
            seenAt: StoreTime.date(row["seen_at"]), scanID: row["scan_id"])
    }

    /// A listing's sightings, oldest first.
    public func sightings(listing: Int64) async throws -> [ListingSighting] {
        try await read("read the sightings of listing \(listing)") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM sightings WHERE listing_id = ? ORDER BY first_seen, id", arguments: [listing]
            ).map { row in
                ListingSighting(
                    listingID: row["listing_id"], firstSeen: StoreTime.date(row["first_seen"]),
                    lastSeen: StoreTime.date(row["last_seen"]), timesSeen: row["times_seen"],
                    goneAt: (row["gone_at"] as Int64?).map(StoreTime.date),
                    goneCause: (row["gone_cause"] as String?).flatMap(GoneCause.init(rawValue:)),
                    lastScanID: row["last_scan_id"])
            }
        }
    }

    // MARK: Contacts, images and related listings

    /// Adds contacts to listings.
    public func addContacts(_ contacts: [ListingContact]) async throws -> Int {
        try await write("add \(contacts.count) contacts") { db in
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO contacts (listing_id, kind, value, first_seen) VALUES (?, ?, ?, ?)
                    ON CONFLICT (listing_id, kind, value) DO NOTHING
                    """)
            var added = 0
            for c in contacts {
                try insert.execute(arguments: [c.listingID, c.kind.rawValue, c.value, StoreTime.millis(c.seenAt)])
                added += db.changesCount
            }
            return added
        }
    }

    /// Adds images to listings.
    public func addImages(_ images: [ListingImage]) async throws -> Int {
        try await write("add \(images.count) images") { db in
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO images (listing_id, url, digest, first_seen) VALUES (?, ?, ?, ?)
                    ON CONFLICT (listing_id, url) DO UPDATE SET digest = COALESCE(images.digest, excluded.digest)
                    """)
            let exists = try db.cachedStatement(sql: "SELECT 1 FROM images WHERE listing_id = ? AND url = ?")
            var added = 0
            for image in images {
                let known = try Bool.fetchOne(exists, arguments: [image.listingID, image.url]) ?? false
                try insert.execute(arguments: [
                    image.listingID, image.url, image.digest, StoreTime.millis(image.seenAt),
                ])
                if !known { added += 1 }
            }
            return added
        }
    }

    /// A listing's contacts.
    public func contacts(listing: Int64) async throws -> [ListingContact] {
        try await read("read the contacts of listing \(listing)") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM contacts WHERE listing_id = ? ORDER BY kind, value", arguments: [listing]
            ).compactMap { row in
                guard let kind = ContactKind(rawValue: row["kind"]) else { return nil }
                return ListingContact(
                    listingID: row["listing_id"], kind: kind, value: row["value"],
                    seenAt: StoreTime.date(row["first_seen"]))
            }
        }
    }

    /// A listing's images.
    public func images(listing: Int64) async throws -> [ListingImage] {
        try await read("read the images of listing \(listing)") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM images WHERE listing_id = ? ORDER BY url", arguments: [listing])
                .map { row in
                    ListingImage(
                        listingID: row["listing_id"], url: row["url"], digest: row["digest"],
                        seenAt: StoreTime.date(row["first_seen"]))
                }
        }
    }

    /// Listings that share a seller, a contact or an image with `listing`.
    public func relatedListings(_ listing: Int64, limit: Int) async throws -> [RelatedListing] {
        guard limit > 0 else { return [] }
        return try await read("find listings related to listing \(listing)") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT other.id AS listing_id, 'seller' AS link, NULL AS contact_kind, me.seller AS value
                    FROM listings me JOIN listings other
                        ON other.site = me.site AND other.seller = me.seller AND other.id != me.id
                    WHERE me.id = ?1 AND me.seller IS NOT NULL
                    UNION
                    SELECT other.listing_id, 'contact', mine.kind, mine.value
                    FROM contacts mine JOIN contacts other
                        ON other.kind = mine.kind AND other.value = mine.value AND other.listing_id != mine.listing_id
                    WHERE mine.listing_id = ?1
                    UNION
                    SELECT other.listing_id, 'image', NULL, mine.url
                    FROM images mine JOIN images other ON other.url = mine.url AND other.listing_id != mine.listing_id
                    WHERE mine.listing_id = ?1
                    UNION
                    SELECT other.listing_id, 'image', NULL, mine.digest
                    FROM images mine JOIN images other
                        ON other.digest = mine.digest AND other.listing_id != mine.listing_id
                    WHERE mine.listing_id = ?1 AND mine.digest IS NOT NULL
                    ORDER BY 1, 2, 3, 4
                    LIMIT ?2
                    """,
                arguments: [listing, limit]
            ).compactMap { row in
                guard let link = RelatedListing.Link(rawValue: row["link"]) else { return nil }
                return RelatedListing(
                    listingID: row["listing_id"], link: link,
                    contactKind: (row["contact_kind"] as String?).flatMap(ContactKind.init(rawValue:)),
                    value: row["value"])
            }
        }
    }
}
