// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Spoor",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "spoor", targets: ["spoor"]),
        .library(name: "SpoorMatch", targets: ["SpoorMatch"]),
        .library(name: "SpoorDetect", targets: ["SpoorDetect"]),
        .library(name: "SpoorCrawl", targets: ["SpoorCrawl"]),
        .library(name: "SpoorFixtures", targets: ["SpoorFixtures"]),
        .library(name: "SpoorStore", targets: ["SpoorStore"]),
        .library(name: "SpoorStoreSQLite", targets: ["SpoorStoreSQLite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        // The store: SQLite through GRDB; SHA-256 for the audit chain from swift-crypto (3.x and
        // 4.x have the same `Crypto` API, and postgres-nio accepts both).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        // C libraries, wrapped the way GRDB wraps SQLite: a [system] module map and a shim.h.
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CUchardet",
            pkgConfig: "uchardet",
            providers: [.apt(["libuchardet-dev"])]
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

        // The crawler: libcurl fetcher, politeness and retry state machines, robots.txt, sitemaps,
        // frontier, libxml2 extraction with site profiles and structured data.
        .target(
            name: "SpoorCrawl",
            dependencies: [
                "SpoorDetect", "CCurl", "CLibXML2", "CZlib", "CUchardet",
                .product(name: "Yams", package: "Yams"),
            ]
        ),

        // The demo marketplace served on 127.0.0.x for tests, benchmarks and `spoor demo`.
        .target(
            name: "SpoorFixtures",
            dependencies: [
                "SpoorMatch", "CZlib",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),

        // The command-line tool: wiring and output only.
        .executableTarget(
            name: "spoor",
            dependencies: [
                "SpoorDetect",
                "SpoorCrawl",
                "SpoorFixtures",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // The store: the `Store` protocol, its record types, the review-queue state machine and
        // the hash-chained audit log. No database here; backends are separate targets.
        .target(
            name: "SpoorStore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),

        // The SQLite backend of the `Store` protocol (GRDB, WAL, synchronous=FULL).
        .target(
            name: "SpoorStoreSQLite",
            dependencies: ["SpoorStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),

        // A writer for the store's kill test: prints `ack N` after each acknowledged unit of work.
        .executableTarget(
            name: "spoor-store-probe",
            dependencies: ["SpoorStore", "SpoorStoreSQLite"]
        ),

        .testTarget(name: "SpoorMatchTests", dependencies: ["SpoorMatch"]),
        .testTarget(name: "SpoorDetectTests", dependencies: ["SpoorDetect"], exclude: ["Fixtures"]),
        .testTarget(name: "SpoorCrawlTests", dependencies: ["SpoorCrawl", "SpoorFixtures"]),
        // The store contract runs once per backend (SQLite now, PostgreSQL later); the raw GRDB
        // import lets the tamper tests edit the file behind the store's back.
        .testTarget(
            name: "SpoorStoreTests",
            dependencies: [
                "SpoorStore", "SpoorStoreSQLite", "spoor-store-probe",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // SpoorFixtures: the tests that run the built `spoor` binary serve it the hostile site.
        .testTarget(name: "SpoorCLITests", dependencies: ["spoor", "SpoorDetect", "SpoorFixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
