import ArgumentParser
import Foundation
import SpoorDetect

/// `spoor watchlist`: inspect and refresh watchlists.
struct WatchlistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watchlist",
        abstract: "Check watchlists and refresh them from a CITES Species+ export.",
        subcommands: [ImportSpeciesPlus.self, Check.self])

    /// `spoor watchlist import-speciesplus`.
    struct ImportSpeciesPlus: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-speciesplus",
            abstract: "Turn a CITES Checklist / Species+ CSV export (.csv or .csv.gz) into a watchlist YAML file.",
            discussion: """
                Keeps each taxon's listing and English annotation, strips authors from synonyms and
                splits the English, Spanish and French common names. Refresh after each CoP.
                """)

        @Argument(help: ArgumentHelp("The Species+ export.", valueName: "file.csv[.gz]"))
        var input: String

        @Option(help: ArgumentHelp("Where to write the watchlist YAML.", valueName: "file.yaml"))
        var out: String

        @Option(help: "The list's name.")
        var name: String = "CITES Checklist (Species+ import)"

        func run() throws {
            let imported = try SpeciesPlusImport(file: input)
            let yaml = imported.yaml(name: name, source: (input as NSString).lastPathComponent)
            do {
                try yaml.write(toFile: out, atomically: true, encoding: .utf8)
            } catch {
                throw ValidationError("cannot write \(out): \(error.localizedDescription)")
            }
            for line in imported.skipped.prefix(20) { FileHandle.standardError.write(Data("spoor: skipped \(line)\n".utf8)) }
            var byListing: [String: Int] = [:]
            for taxon in imported.taxa { byListing[taxon.appendix.rawValue, default: 0] += 1 }
            let summary = byListing.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            print("wrote \(imported.taxa.count) taxa to \(out) (\(summary)); \(imported.skipped.count) rows skipped, \(imported.listingsFromAnnotation) listings taken from annotations")
        }
    }

    /// `spoor watchlist check`: load, validate and compile, reporting sizes.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate watchlist files and compile them, reporting terms, patterns and build time.")

        @Argument(help: ArgumentHelp("Watchlist files or directories (default: the bundled watchlists/).", valueName: "path"))
        var paths: [String] = []

        func run() throws {
            var paths = paths
            if paths.isEmpty, let bundled = DataLocation.bundled("watchlists") { paths = [bundled] }
            let start = Date()
            let list = try Watchlist.load(paths: paths)
            let loaded = Date()
            let index = TermIndex(watchlist: list)
            let built = Date()
            let ms = { (a: Date, b: Date) in Int((b.timeIntervalSince(a) * 1000).rounded()) }
            print("\(list.taxa.count) taxa, \(index.terms.count) terms, \(index.patternCount) patterns; loaded in \(ms(start, loaded)) ms, compiled in \(ms(loaded, built)) ms (\(index.representation.rawValue), \(index.memoryBytes / 1024) KiB)")
        }
    }
}
