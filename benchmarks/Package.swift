// swift-tools-version:6.0
// Benchmarks live in their own package (as in swift-nio) so their tools stay out of Spoor's build.
import PackageDescription

let package = Package(
    name: "SpoorBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Spoor", path: ".."),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .executableTarget(
            name: "matcher-bench",
            dependencies: [
                .product(name: "SpoorMatch", package: "Spoor"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "hostile-serve",
            dependencies: [
                .product(name: "SpoorFixtures", package: "Spoor"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "classify-bench",
            dependencies: [
                .product(name: "SpoorDetect", package: "Spoor"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "queue-bench",
            dependencies: [
                .product(name: "SpoorStore", package: "Spoor"),
                .product(name: "SpoorStoreSQLite", package: "Spoor"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
