// swift-tools-version:6.0
// Fuzz targets live in their own package (like benchmarks/) so sanitizer flags and libFuzzer stay
// out of Spoor's build. Each target is an executable whose main comes from libFuzzer: build them
// with `fuzz/run.sh` (or `swift build -c release --sanitize=fuzzer --sanitize=address
// -Xswiftc -enable-testing`), see README.md.
import PackageDescription

let package = Package(
    name: "SpoorFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Spoor", path: ".."),
    ],
    targets: [
        // The invariant check and input helpers the targets share.
        .target(name: "FuzzSupport"),

        .executableTarget(
            name: "fuzz-normalizer",
            dependencies: ["FuzzSupport", .product(name: "SpoorMatch", package: "Spoor")]
        ),
        .executableTarget(
            name: "fuzz-listing-json",
            dependencies: ["FuzzSupport", .product(name: "SpoorDetect", package: "Spoor")]
        ),
        .executableTarget(
            name: "fuzz-structured-data",
            dependencies: ["FuzzSupport", .product(name: "SpoorCrawl", package: "Spoor")]
        ),
        .executableTarget(
            name: "fuzz-robots",
            dependencies: ["FuzzSupport", .product(name: "SpoorCrawl", package: "Spoor")]
        ),
        .executableTarget(
            name: "fuzz-css-selector",
            dependencies: ["FuzzSupport", .product(name: "SpoorCrawl", package: "Spoor")]
        ),
        .executableTarget(
            name: "fuzz-charset",
            dependencies: ["FuzzSupport", .product(name: "SpoorCrawl", package: "Spoor")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
