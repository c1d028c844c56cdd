import Foundation

/// A set of taxa to watch for, loaded from one or more YAML files.
public struct Watchlist: Sendable, Hashable {
    /// The list's name (the first file's, when several are merged).
    public var name: String
    /// The taxa, in file order.
    public var taxa: [Taxon]

    /// Creates a watchlist.
    public init(name: String, taxa: [Taxon]) {
        self.name = name
        self.taxa = taxa
    }

    /// Loads and merges watchlist files; a directory loads every `*.yaml` and `*.yml` in it.
    ///
    /// All files are validated before anything is returned, so a bad file never half-loads a list.
    /// Ids must be unique across all the files.
    public static func load(paths: [String]) throws(DataFileError) -> Watchlist {
        var files: [String] = []
        for path in paths { files += try DataFiles.yamlFiles(at: path) }
        var merged: Watchlist?
        var seen: [String: String] = [:]
        for file in files {
            let list = try load(file: file)
            for taxon in list.taxa {
                if let other = seen[taxon.id] {
                    throw DataFileError(.duplicateID, file: file, line: nil, "taxon id '\(taxon.id)' is already defined in \(other)")
                }
                seen[taxon.id] = file
            }
            if merged == nil { merged = list } else { merged!.taxa += list.taxa }
        }
        guard let merged else {
            throw DataFileError(.unreadable, file: paths.joined(separator: ", "), line: nil, "no watchlist files found")
        }
        return merged
    }

    /// Loads one watchlist file.
    public static func load(file: String) throws(DataFileError) -> Watchlist {
        try parse(try DataFiles.readText(file), file: file)
    }
}
