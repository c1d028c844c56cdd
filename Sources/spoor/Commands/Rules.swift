import ArgumentParser
import SpoorDetect

/// `spoor rules`: work with context rules.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work with context rules.",
        subcommands: [Test.self])

    /// `spoor rules test`: run every rule's embedded examples.
    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every rule's embedded examples (must match / must not match).")

        @Option(help: ArgumentHelp("A rules YAML file or directory (default: the bundled rules/).", valueName: "path"))
        var rules: String?

        func run() throws {
            guard let path = rules ?? DataLocation.bundled("rules") else {
                throw ValidationError("no rules given and no bundled rules/ directory found; pass --rules PATH")
            }
            let set = try RuleSet.load(paths: [path])
            let failures = set.checkExamples()
            let examples = set.rules.reduce(0) { $0 + $1.mustMatch.count + $1.mustNotMatch.count }
            for failure in failures { print("FAIL \(failure)") }
            print("\(set.rules.count) rules, \(examples) examples: \(examples - failures.count) passed, \(failures.count) failed")
            if !failures.isEmpty { throw ExitCode.failure }
        }
    }
}
