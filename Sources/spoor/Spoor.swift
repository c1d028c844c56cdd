import ArgumentParser

/// The `spoor` command: monitors online marketplaces for illegal wildlife trade.
@main
struct Spoor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spoor",
        abstract: "Find offers of CITES-listed wildlife in marketplace listings, and explain why.",
        discussion: """
            Spoor crawls marketplaces politely (robots.txt, per-host limits), reads their listings \
            with site profiles or structured data, undoes the ways sellers disguise words \
            (i.v.o.r.y, 1v0ry, Cyrillic look-alikes, code words), matches them against a \
            watchlist of CITES taxa in many languages, applies context rules (sale intent, \
            "pre-ban", "faux", "ivory white") and scores each listing, Appendix I first.

            Start with:  spoor demo
            Then:        spoor scan --seed URL     or   spoor classify FILE --explain
            """,
        version: "0.1.0",
        subcommands: [Classify.self, Eval.self, Scan.self, Demo.self, Extract.self, Rules.self, WatchlistCommand.self]
    )
}
