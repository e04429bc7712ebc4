import CephTestSupport
import Foundation
import ObjectStorage
import Testing
import WolkvoxAPI
import WolkvoxMock

#if canImport(Glibc)
    import Glibc
#endif

/// A bucket run publishes whole days beside its requests, several at once. When a publish is
/// refused, or the run is stopped while days publish, the state still records exactly the days
/// whose publish completed, each readable whole through its manifest, and the next run lands
/// the rest to the same tree as a run on disk.
@Suite(
    .serialized,
    .needsCeph,
    .needsBoto3)
struct S3PublishFaultsTests {
    static let days = (3...16).map { String(format: "2025-03-%02d", $0) }

    /// The state the run left in the bucket: days landed, and the interrupted range's landed days.
    struct SavedState: Decodable {
        struct InProgress: Decodable { var landed: [String] }
        var landed: [String: AnyDecodable]
        var inProgress: InProgress?
        enum CodingKeys: String, CodingKey { case landed, inProgress = "in_progress" }
    }

    struct AnyDecodable: Decodable {
        init(from decoder: any Decoder) throws {}
    }

    static func state(_ client: S3Client, bucket: String, name: String) async throws -> SavedState {
        let bytes = try #require(try await client.getObject(bucket: bucket, key: "raw/_wolkvox/state/\(name).json", maxBytes: 1 << 20))
        return try JSONDecoder().decode(SavedState.self, from: Data(bytes))
    }

    /// Days with a manifest, and the problems of each: every object under a day is its manifest
    /// or a file it lists, and every file it lists is there.
    static func manifestedDays(_ client: S3Client, bucket: String) async throws -> (days: Set<String>, problems: [String]) {
        var days: Set<String> = []
        var problems: [String] = []
        for day in Self.days {
            let prefix = "raw/cdr_1/dt=\(day)/"
            let keys = Set(try await client.listAllObjects(bucket: bucket, prefix: prefix).map(\.key))
            guard let bytes = try await client.getObject(bucket: bucket, key: prefix + "_manifest.json", maxBytes: 1 << 20) else {
                if !keys.isEmpty { problems.append("dt=\(day) has objects and no manifest: \(keys.sorted())") }
                continue
            }
            days.insert(day)
            let json = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
            let listed = Set(((json?["files"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String }.map { prefix + $0 })
            if keys != listed.union([prefix + "_manifest.json"]) {
                problems.append("dt=\(day) holds \(keys.sorted()), its manifest lists \(listed.sorted())")
            }
        }
        return (days, problems)
    }

    func pipelines(_ dir: TempDir, bucket: String, name: String) throws -> (local: URL, remote: URL) {
        let extra = "  max_days_per_request: 1\n"
        let local = try dir.write("local.yaml", BackfillTests.pipeline(
            report: "cdr_1", name: name, from: Self.days.first, to: Self.days.last, formats: "[ndjson, csv]", extra: extra))
        let remote = try dir.write("s3.yaml", S3Trees.pipeline(
            bucket: bucket, report: "cdr_1", name: name, from: Self.days.first!, to: Self.days.last!, formats: "[ndjson, csv]",
            extra: extra))
        return (local, remote)
    }

    @Test func aDayWhoseUploadIsRefusedFailsAndTheStateRecordsOnlyTheDaysPublishedWhole() async throws {
        let cluster = try await SharedCeph.shared.cluster()
        let bucket = try await S3LandingTests.bucket(cluster)
        let dir = try TempDir()
        let (local, remote) = try pipelines(dir, bucket: bucket, name: "refused")
        var config = MockConfiguration()
        config.dataset.spikes = []
        let refused = "2025-03-08"
        try BucketReader.refusePuts(cluster, bucket: bucket, under: "raw/cdr_1/dt=\(refused)/")
        try await MockServer.withRunning(config) { server in
            let env = S3LandingTests.environment(cluster, server)
            let reference = try await CLI.run(["run", local.path, "--progress", "never"], environment: env, cwd: dir.url)
            try #require(reference.exitCode == 0, "\(reference.stderr.suffix(1500))")

            let first = try await CLI.run(["run", remote.path, "--progress", "never"], environment: env, cwd: dir.url)
            #expect(first.exitCode == 1, "\(first.stderr.suffix(1500))")
            #expect(first.stderr.contains("could not land dt=\(refused)"), "\(first.stderr.suffix(1500))")
            try await S3Trees.withClient(cluster) { client in
                let state = try await Self.state(client, bucket: bucket, name: "refused")
                let (manifested, problems) = try await Self.manifestedDays(client, bucket: bucket)
                #expect(problems.isEmpty, "\(problems)")
                #expect(!manifested.contains(refused))
                #expect(try await client.listAllObjects(bucket: bucket, prefix: "raw/cdr_1/dt=\(refused)/").isEmpty,
                        "the refused day's other uploads were taken back")
                let recorded = Set(state.landed.keys)
                #expect(recorded == manifested, "recorded \(recorded.sorted()), published \(manifested.sorted())")
                #expect(Set(state.inProgress?.landed ?? []) == recorded)
                #expect(!recorded.isEmpty && recorded.count < Self.days.count)
            }

            try BucketReader.refusePuts(cluster, bucket: bucket, under: nil)
            let resumed = try await CLI.run(["run", remote.path, "--progress", "never"], environment: env, cwd: dir.url)
            #expect(resumed.exitCode == 0, "\(resumed.stderr.suffix(1500))")
            #expect(try BucketReader.openUploads(cluster, bucket: bucket).isEmpty)
            let problems = try S3Trees.differences(
                cluster, bucket: bucket, dataset: "cdr_1", local: dir.url.appendingPathComponent("out/cdr_1"), scratch: dir.url)
            #expect(problems.isEmpty, "\(problems)")
        }
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalWhileDaysPublishLandsTheWholeDaysAndRecordsExactlyThem(signal: Int32) async throws {
        let cluster = try await SharedCeph.shared.cluster()
        let bucket = try await S3LandingTests.bucket(cluster)
        let dir = try TempDir()
        let (local, remote) = try pipelines(dir, bucket: bucket, name: "signalled")
        var config = MockConfiguration()
        config.dataset.spikes = []
        // Answers held a little, so the signal falls while the run still has days to ask.
        config.responseDelay = .milliseconds(100)
        try await MockServer.withRunning(config) { server in
            var env = S3LandingTests.environment(cluster, server)
            env["WOLKVOX_LOCK_DIR"] = dir.url.path + "/locks"
            let reference = try await CLI.run(["run", local.path, "--progress", "never"], environment: env, cwd: dir.url)
            try #require(reference.exitCode == 0, "\(reference.stderr.suffix(1500))")

            let run = try Spawned.start(["run", remote.path, "--progress", "never"], environment: env, cwd: dir.url,
                                        logPrefix: dir.url.appendingPathComponent("signalled"))
            let recorded = try await S3Trees.withClient(cluster) { client in
                try await waitUntil("the run has uploaded a data file", timeout: .seconds(60), interval: .milliseconds(5)) {
                    guard run.process.isRunning else { return true }
                    // Any data file (a day's `_manifest.json` sorts before its `part-` files).
                    return try await client.listObjects(bucket: bucket, prefix: "raw/cdr_1/").objects.contains { $0.key.hasSuffix(".gz") }
                }
                try #require(run.process.isRunning, "the run ended before the signal: \(run.stderr.suffix(1500))")
                _ = Glibc.kill(run.process.processIdentifier, signal)
                let exit = await run.exit()
                #expect(exit.status == 130, "\(run.stderr.suffix(1500))")
                let state = try await Self.state(client, bucket: bucket, name: "signalled")
                let (manifested, problems) = try await Self.manifestedDays(client, bucket: bucket)
                #expect(problems.isEmpty, "no day is left half-switched: \(problems)")
                let recorded = Set(state.inProgress?.landed ?? [])
                #expect(recorded == manifested, "recorded \(recorded.sorted()), published \(manifested.sorted())")
                #expect(Set(state.landed.keys) == recorded)
                #expect(!recorded.isEmpty && recorded.count < Self.days.count, "the signal fell part way: \(recorded.sorted())")
                return recorded
            }
            let calls = server.stats.requests
            let resumed = try await CLI.run(["run", remote.path, "--progress", "never"], environment: env, cwd: dir.url)
            #expect(resumed.exitCode == 0, "\(resumed.stderr.suffix(1500))")
            #expect(resumed.stdout.contains("resumed \(recorded.count)"), "\(resumed.stdout)")
            // Days recorded before the signal are not asked again (a window cut short may be).
            #expect(server.stats.requests - calls <= Self.days.count - recorded.count + 2)
            #expect(try BucketReader.openUploads(cluster, bucket: bucket).isEmpty)
            let problems = try S3Trees.differences(
                cluster, bucket: bucket, dataset: "cdr_1", local: dir.url.appendingPathComponent("out/cdr_1"), scratch: dir.url)
            #expect(problems.isEmpty, "\(problems)")
        }
    }
}
