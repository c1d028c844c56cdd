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

/// Runs long CPU-bound test work on its own thread instead of a cooperative-pool thread.
///
/// On a 2-core CI machine the pool has two threads; a test that computes for a minute on one of
/// them starves every async test of the whole run (a cancellation that should take milliseconds
/// waited 8 s for a thread). A plain thread leaves the pool to the tests that need it.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.stackSize = 8 << 20
        thread.start()
    }
}
