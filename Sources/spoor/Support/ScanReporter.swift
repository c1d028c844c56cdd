import Foundation
import SpoorCrawl
import SpoorDetect

/// What `spoor scan` tells the person or the log while it runs: a live progress line on a
/// terminal (pages, listings, flagged, errors, rate), JSON log lines on standard error otherwise.
struct ScanReporter {
    private let interactive: Bool
    private let verbose: Bool
    private let started = Date()
    private var lastDraw = Date.distantPast
    private(set) var pages = 0
    private(set) var listings = 0
    private(set) var flagged = 0
    private(set) var errors = 0
    /// Where the text goes: standard error, unless a test catches it.
    private let output: @Sendable (String) -> Void

    /// A reporter; `verbose` also logs every page fetched.
    init(verbose: Bool = false, interactive: Bool = isatty(STDERR_FILENO) == 1,
         output: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.verbose = verbose
        self.interactive = interactive
        self.output = output
    }

    /// Takes one scan event (and the verdict's flag, for listings).
    mutating func record(_ event: ScanEvent, flagged isFlagged: Bool = false) {
        switch event {
        case .page(let page):
            pages += 1
            if verbose && !interactive {
                log("page", ["url": .text(page.url), "status": .int(page.status), "listings": .int(page.listings),
                             "new_links": .int(page.newLinks), "bytes": .int(page.bytes), "truncated": page.truncated.map { .text($0.rawValue) },
                             "parse_truncated": page.parseTruncated.map { .text($0.rawValue) },
                             "charset": page.charset.map { .text($0.name) },
                             "declared_charset": page.charset.flatMap { $0.declared == $0.name ? nil : $0.declared }.map { .text($0) }])
            }
        case .listing:
            listings += 1
            if isFlagged { flagged += 1 }
        case .error(let error):
            if error.code != .robotsDisallowed { errors += 1 }
            if interactive {
                if error.code != .robotsDisallowed || verbose { line("spoor: \(error)") }
            } else {
                log(error.code == .robotsDisallowed ? "skip" : "error",
                    ["code": .text(error.code.rawValue), "url": .text(error.subject), "message": .text(error.message),
                     "cause": error.cause.map { .text($0) }])
            }
        case .gone(let url, let status):
            if !interactive && verbose { log("gone", ["url": .text(url), "status": .int(status)]) }
        case .limit(let limit):
            // Once per host and kind, so always said, verbose or not.
            if interactive {
                var text = "spoor: \(limit.host): \(limit.message)"
                if limit.kind != .crawlDelay {
                    text += "; first cut: \(limit.url)" + (limit.page.map { " (linked from \($0))" } ?? "")
                        + "; further cuts on this host are counted in the summary"
                }
                line(text)
            } else {
                log("limit", ["kind": .text(limit.kind.rawValue), "host": .text(limit.host), "url": .text(limit.url),
                              "page": limit.page.map { .text($0) }, "message": .text(limit.message),
                              "asked": limit.askedDelay.map { .number($0) }, "applied": limit.appliedDelay.map { .number($0) }])
            }
        }
        draw(final: false)
    }

    /// The final line: a summary on the terminal, or a JSON log line.
    mutating func finish(_ summary: ScanSummary) {
        if interactive {
            draw(final: true)
            var tail: [String] = []
            if summary.stopped { tail.append("stopped by interrupt") }
            if summary.budgetSpent { tail.append("page budget spent") }
            if summary.disallowed > 0 { tail.append("\(summary.disallowed) URLs disallowed by robots.txt") }
            if summary.retries > 0 { tail.append("\(summary.retries) retries") }
            if summary.trap > 0 { tail.append("\(summary.trap) links cut as crawler traps") }
            if summary.depthLimit > 0 { tail.append("\(summary.depthLimit) links past the depth limit") }
            if summary.outlinksDropped > 0 { tail.append("\(summary.outlinksDropped) links dropped from pages with too many") }
            if !tail.isEmpty { line("  " + tail.joined(separator: ", ")) }
        } else {
            log("summary", ["pages": .int(summary.pages), "listings": .int(summary.listings), "flagged": .int(flagged),
                            "errors": .int(summary.errors), "disallowed": .int(summary.disallowed), "retries": .int(summary.retries),
                            "trap": .int(summary.trap), "depth_limit": .int(summary.depthLimit),
                            "outlinks_dropped": .int(summary.outlinksDropped),
                            "bytes": .int(summary.bytes), "seconds": .number((summary.seconds * 1000).rounded() / 1000),
                            "stopped": .flag(summary.stopped), "budget_spent": .flag(summary.budgetSpent)])
        }
    }

    private mutating func draw(final: Bool) {
        guard interactive else { return }
        let now = Date()
        guard final || now.timeIntervalSince(lastDraw) >= 0.2 else { return }
        lastDraw = now
        let seconds = max(now.timeIntervalSince(started), 0.001)
        let text = "\r\u{1B}[2K  \(pages) pages, \(listings) listings, \(flagged) flagged, \(errors) errors, "
            + String(format: "%.0f pages/s", Double(pages) / seconds) + (final ? "\n" : "")
        output(text)
    }

    private func line(_ text: String) {
        output("\r\u{1B}[2K" + text + "\n")
    }

    /// A value in a JSON log line.
    enum LogValue {
        case text(String), int(Int), number(Double), flag(Bool)
    }

    private func log(_ event: String, _ fields: KeyValuePairs<String, LogValue?>) {
        var out = "{\"level\":\"\(event == "error" ? "warning" : "info")\",\"event\":\"\(event)\",\"time\":\"\(ScanRecordWriter.timestamp(Date()))\""
        for (key, value) in fields {
            guard let value else { continue }
            out += ",\"\(key)\":"
            switch value {
            case .text(let text): JSONText.appendQuoted(text, to: &out)
            case .int(let number): out += "\(number)"
            case .number(let number): out += "\(number)"
            case .flag(let flag): out += "\(flag)"
            }
        }
        output(out + "}\n")
    }
}
