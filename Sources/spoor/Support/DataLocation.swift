import Foundation

/// Finds Spoor's bundled data (`watchlists/`, `rules/`) when no path is given.
enum DataLocation {
    /// The first directory holding `name`: `$SPOOR_DATA`, the working directory, then the
    /// directories above the executable (a source checkout's `.build/<config>/spoor`).
    static func bundled(_ name: String) -> String? {
        var candidates: [String] = []
        if let root = ProcessInfo.processInfo.environment["SPOOR_DATA"] { candidates.append(root) }
        candidates.append(FileManager.default.currentDirectoryPath)
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(url.path)
            url = url.deletingLastPathComponent()
        }
        for root in candidates {
            let path = (root as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                return path
            }
        }
        return nil
    }
}
