import Foundation

/// Paths to the repository's data, found from this source file.
enum TestData {
    /// The repository root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A path inside the repository.
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// A path inside `../shared`, or `nil` when it is absent (tests using it then skip).
    static func shared(_ relative: String) -> String? {
        let path = root.deletingLastPathComponent().appendingPathComponent("shared").appendingPathComponent(relative).path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}
