import Foundation

/// Finding and reading data files, with errors that name the path.
package enum DataFiles {
    /// The YAML files at `path`: the file itself, or a directory's `*.yaml` and `*.yml`, sorted.
    package static func yamlFiles(at path: String) throws(DataFileError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DataFileError(.unreadable, file: path, line: nil, "no such file or directory")
        }
        guard isDirectory.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            .map { (path as NSString).appendingPathComponent($0) }
    }

    /// The UTF-8 text of a file.
    package static func readText(_ file: String) throws(DataFileError) -> String {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw DataFileError(.unreadable, file: file, line: nil, "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataFileError(.syntax, file: file, line: nil, "the file is not UTF-8")
        }
        return text
    }
}
