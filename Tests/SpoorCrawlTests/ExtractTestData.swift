import Foundation

/// Paths to the repository's files and the shared real-page fixtures, found from this source file.
enum ExtractTestData {
    /// The repository root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A path inside the repository.
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The real saved pages in `../shared/fixtures/real-pages`, or nil when absent (tests then skip).
    static let realPages: String? = {
        let path = root.deletingLastPathComponent().appendingPathComponent("shared/fixtures/real-pages").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    /// The text of real page `name`.
    static func realPage(_ name: String) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: realPages!).appendingPathComponent(name))
        return String(decoding: data, as: UTF8.self)
    }
}
