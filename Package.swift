// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

// The byte-level hot paths (parser, coercion, encoders, the mock's generator) run 10-30x slower
// unoptimised: `swift run wolkvox-etl demo` and `swift test` build debug, and a debug mock serving
// a 60,000-row response would outlast the API's 60 s limit. So our own modules are optimised in
// debug builds too; dependencies keep their debug settings. SwiftPM refuses unsafe flags only in
// products of a package resolved by version; the libraries are not products (below), so no
// other package can meet these flags.
let optimizedInDebug: [SwiftSetting] = strict + [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "wolkvox-etl",
    // Linux only: the platform CI builds and tests (no `platforms:` entry is needed for it).
    // The tool is the product; its modules are internal to the package: their API is shaped
    // for this tool, not promised to others (README, "Code layout").
    products: [
        .executable(name: "wolkvox-etl", targets: ["wolkvox-etl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-async-algorithms", from: "1.1.4"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    ],
    targets: [
        .target(
            name: "WolkvoxAPI",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
            ],
            swiftSettings: optimizedInDebug
        ),
        .target(
            name: "FlatExport",
            dependencies: [
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: optimizedInDebug
        ),
        .target(
            name: "WolkvoxETL",
            dependencies: [
                "WolkvoxAPI",
                "FlatExport",
                "ObjectStorage",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: optimizedInDebug
        ),
        .target(
            name: "WolkvoxMock",
            dependencies: [
                "WolkvoxAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: optimizedInDebug
        ),
        // An S3 API client (Signature Version 4, multipart uploads) for landing into buckets.
        .target(
            name: "ObjectStorage",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "wolkvox-etl",
            dependencies: [
                "WolkvoxETL",
                "FlatExport",
                "WolkvoxMock",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "WolkvoxAPITests", dependencies: ["WolkvoxAPI", "WolkvoxMock"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "FlatExportTests", dependencies: ["FlatExport"], swiftSettings: strict),
        .testTarget(name: "WolkvoxETLTests", dependencies: ["WolkvoxETL", "WolkvoxMock"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "WolkvoxMockTests", dependencies: ["WolkvoxMock", "WolkvoxAPI"], swiftSettings: strict),
        // Starts a throwaway Ceph cluster (RADOS Gateway, a real S3 server) for the S3 tests.
        .target(name: "CephTestSupport", path: "Tests/CephTestSupport", swiftSettings: strict),
        .testTarget(name: "ObjectStorageTests", dependencies: ["ObjectStorage", "CephTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "WolkvoxETL", "WolkvoxMock", "ObjectStorage", "CephTestSupport",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strict),
        // `swift package benchmark` (README, "Performance"): the hot path's stages on mock bytes.
        .executableTarget(
            name: "WolkvoxBenchmarks",
            dependencies: [
                "WolkvoxAPI", "FlatExport", "WolkvoxETL", "WolkvoxMock",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/WolkvoxBenchmarks",
            swiftSettings: strict,
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
