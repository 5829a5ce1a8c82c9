// swift-tools-version: 6.1
//
// Trama: a graph-database-backed network analysis service for anti-corruption work.
//
// Dependencies point one way: interfaces (trama CLI) → service → analyses (TramaAnalysis) →
// engine (TramaGraph); TramaModel names the domain's kinds for both importers and analyses;
// the store (PostgreSQL via libpq) and the renderer (Graphviz via libgvc) sit beside the engine.
// TramaGraph imports nothing but the standard library so that it tests in milliseconds.
//
// Build settings:
// - GRAPH_INTERNAL_CHECKS: compile CSRGraph's invariant checker into every build of a graph.
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Trama",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "trama", targets: ["trama"]),
        .library(name: "TramaGraph", targets: ["TramaGraph"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CGraphviz", pkgConfig: "libgvc", providers: [.apt(["libgraphviz-dev"])]),
        .systemLibrary(name: "CPangoCairo", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]),

        .target(name: "TramaGraph", swiftSettings: strictSettings),
        .target(name: "TramaModel", swiftSettings: strictSettings),
        .target(name: "TramaAnalysis", dependencies: ["TramaGraph", "TramaModel"], swiftSettings: strictSettings),
        .target(name: "TramaStore", dependencies: ["CLibPQ", "CCrypto", "TramaGraph"], swiftSettings: strictSettings),
        .target(name: "TramaIngest", dependencies: ["TramaGraph", "TramaModel", "TramaStore"], swiftSettings: strictSettings),
        .target(name: "TramaWorld", dependencies: ["TramaGraph", "TramaIngest"], swiftSettings: strictSettings),
        .target(name: "TramaRender", dependencies: ["CGraphviz"], swiftSettings: strictSettings),
        .target(name: "TramaDocument", dependencies: ["CPangoCairo"], swiftSettings: strictSettings),
        .target(name: "TramaExport", dependencies: ["TramaModel"], swiftSettings: strictSettings),
        .target(name: "TramaCardinal", dependencies: ["TramaAnalysis", "TramaModel"], swiftSettings: strictSettings),
        .target(
            name: "TramaService",
            dependencies: ["TramaGraph", "TramaModel", "TramaAnalysis", "TramaStore", "TramaIngest", "TramaWorld", "TramaRender", "TramaDocument", "TramaExport"],
            swiftSettings: strictSettings
        ),
        .target(name: "TramaExplorer", dependencies: ["TramaService", "TramaAnalysis", "TramaModel", "TramaRender"], swiftSettings: strictSettings),
        .target(
            name: "TramaServer",
            dependencies: [
                "TramaService", "TramaGraph", "TramaModel", "TramaStore", "TramaRender", "TramaExplorer", "TramaExport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "trama",
            dependencies: [
                "TramaServer", "TramaService", "TramaGraph", "TramaAnalysis", "TramaStore", "TramaIngest", "TramaWorld", "TramaRender", "TramaExport", "TramaCardinal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),

        .executableTarget(
            name: "trama-bench",
            dependencies: [
                "TramaService", "TramaGraph", "TramaAnalysis", "TramaStore", "TramaIngest",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/TramaBench",
            swiftSettings: strictSettings
        ),
        // Fuzzing (bench/fuzz): the targets as a library, an entry for libFuzzer or for replaying inputs.
        .target(
            name: "TramaFuzz", dependencies: ["TramaIngest", "TramaAnalysis", "TramaGraph", "TramaModel", "TramaService"], path: "Fuzz/TramaFuzz",
            swiftSettings: strictSettings),
        .executableTarget(name: "trama-fuzz", dependencies: ["TramaFuzz"], path: "Fuzz/trama-fuzz", swiftSettings: strictSettings),
        .target(name: "TramaTestSupport", dependencies: ["TramaStore"], path: "Tests/TramaTestSupport", swiftSettings: strictSettings),
        .testTarget(name: "TramaGraphTests", dependencies: ["TramaGraph"], exclude: ["Fixtures"], swiftSettings: strictSettings),
        .testTarget(name: "TramaAnalysisTests", dependencies: ["TramaAnalysis", "TramaGraph", "TramaModel", "TramaWorld"], swiftSettings: strictSettings),
        .testTarget(name: "TramaStoreTests", dependencies: ["TramaStore", "TramaTestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "TramaIngestTests",
            dependencies: ["TramaIngest", "TramaModel", "TramaWorld", "TramaTestSupport", "TramaExport"],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "TramaWorldTests", dependencies: ["TramaWorld", "TramaIngest", "TramaTestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "TramaRenderTests", dependencies: ["TramaRender", "TramaModel"], swiftSettings: strictSettings),
        .testTarget(name: "TramaDocumentTests", dependencies: ["TramaDocument"], swiftSettings: strictSettings),
        .testTarget(name: "TramaExportTests", dependencies: ["TramaExport"], exclude: ["Schemas"], swiftSettings: strictSettings),
        .testTarget(name: "TramaCardinalTests", dependencies: ["TramaCardinal"], exclude: ["Fixtures"], swiftSettings: strictSettings),
        .testTarget(name: "TramaExplorerTests", dependencies: ["TramaExplorer", "TramaService"], swiftSettings: strictSettings),
        .testTarget(
            name: "TramaServiceTests",
            dependencies: ["TramaService", "TramaModel", "TramaGraph", "TramaStore", "TramaIngest", "TramaRender", "TramaDocument", "TramaExport", "TramaTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TramaServerTests",
            dependencies: [
                "TramaServer", "TramaService", "TramaStore", "TramaIngest", "TramaModel", "TramaTestSupport", "TramaWorld",
                .product(name: "Logging", package: "swift-log"),
                // A webhook receiver on loopback.
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "TramaFuzzTests", dependencies: ["TramaFuzz", "TramaTestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "tramaTests",
            dependencies: ["trama", "TramaService", "TramaExport", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strictSettings
        ),
    ]
)
