// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Spoor",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "spoor", targets: ["spoor"]),
        .library(name: "SpoorMatch", targets: ["SpoorMatch"]),
        .library(name: "SpoorDetect", targets: ["SpoorDetect"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // C libraries, wrapped the way GRDB wraps SQLite: a [system] module map and a shim.h.
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),

        // The matcher core: normalizer with offset maps and the Aho-Corasick automaton. No dependencies.
        .target(name: "SpoorMatch"),

        // Detection: watchlists, PCRE2 rules, scoring, built on the matcher core.
        .target(
            name: "SpoorDetect",
            dependencies: [
                "SpoorMatch",
                "CPCRE2",
                .product(name: "Yams", package: "Yams"),
            ]
        ),

        // The command-line tool: wiring and output only.
        .executableTarget(
            name: "spoor",
            dependencies: [
                "SpoorDetect",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "SpoorMatchTests", dependencies: ["SpoorMatch"]),
        .testTarget(name: "SpoorDetectTests", dependencies: ["SpoorDetect"]),
    ],
    swiftLanguageModes: [.v6]
)
