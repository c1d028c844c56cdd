import Foundation

/// A live progress line on a terminal's standard error; a single JSON summary line otherwise.
struct Progress {
    private let interactive = isatty(STDERR_FILENO) == 1
    private let started = Date()
    private var lastDraw = Date.distantPast
    /// Items done.
    private(set) var done = 0
    /// Items flagged.
    private(set) var flagged = 0
    /// Malformed input lines.
    private(set) var errors = 0

    /// Counts one item (and redraws at most four times a second on a terminal).
    mutating func tick(flagged isFlagged: Bool, error: Bool = false) {
        if error { errors += 1 } else { done += 1 }
        if isFlagged { flagged += 1 }
        guard interactive, (done + errors) % 256 == 0 else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.25 else { return }
        lastDraw = now
        draw(final: false)
    }

    /// Ends the line on a terminal, or logs a JSON summary when standard error is not one.
    func finish(command: String) {
        if interactive {
            draw(final: true)
            return
        }
        let seconds = Date().timeIntervalSince(started)
        let line = #"{"level":"info","command":"\#(command)","listings":\#(done),"flagged":\#(flagged),"malformed":\#(errors),"seconds":\#((seconds * 1000).rounded() / 1000)}"#
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    private func draw(final: Bool) {
        let seconds = max(Date().timeIntervalSince(started), 0.001)
        let rate = Int(Double(done) / seconds)
        let text = "\r\u{1B}[2K  \(done) listings, \(flagged) flagged, \(errors) malformed, \(rate)/s" + (final ? "\n" : "")
        FileHandle.standardError.write(Data(text.utf8))
    }
}
