import CephTestSupport
import Foundation
import Testing
import WolkvoxMock

/// Two runs of one pipeline at once on a bucket (cron firing while last night's run goes on):
/// the pipeline's lease lets one through; the other stops before any Wolkvox call.
@Suite(
    .serialized,
    .needsCeph,
    .needsBoto3)
struct S3OverlappingRunsTests {
    @Test func twoRunsStartedAtOnceLandOneExactTreeAndTheOtherStopsWithoutACall() async throws {
        let cluster = try await SharedCeph.shared.cluster()
        let bucket = try await S3LandingTests.bucket(cluster)
        let dir = try TempDir()
        var config = MockConfiguration()
        config.dataset.spikes = []
        // Answers held a little, so the winner is still going when the loser looks.
        config.responseDelay = .milliseconds(150)
        let local = try dir.write("local.yaml", BackfillTests.pipeline(
            report: "cdr_1", name: "overlap", from: "2025-03-03", to: "2025-03-08", formats: "ndjson"))
        let remote = try dir.write("s3.yaml", S3Trees.pipeline(
            bucket: bucket, report: "cdr_1", name: "overlap", from: "2025-03-03", to: "2025-03-08"))
        try await MockServer.withRunning(config) { server in
            var env = S3LandingTests.environment(cluster, server)
            env["WOLKVOX_LOCK_DIR"] = dir.url.path + "/locks"
            let reference = try await CLI.run(["run", local.path, "--progress", "never"], environment: env, cwd: dir.url)
            try #require(reference.exitCode == 0, "\(reference.stderr.suffix(1500))")
            let callsOfOneRun = server.stats.requests

            let runs = try ["a", "b"].map {
                try Spawned.start(["run", remote.path, "--progress", "never"], environment: env, cwd: dir.url,
                                  logPrefix: dir.url.appendingPathComponent($0))
            }
            var exits: [Spawned.Exit] = []
            for run in runs { exits.append(await run.exit()) }
            let winners = runs.indices.filter { exits[$0].status == 0 && !exits[$0].signaled }
            let losers = runs.indices.filter { exits[$0].status == 1 && !exits[$0].signaled }
            try #require(winners.count == 1 && losers.count == 1,
                         "one lands, one stops: \(exits) \(runs.map { $0.stderr.suffix(800) })")
            let message = runs[losers[0]].stderr
            #expect(message.contains("another run of pipeline 'overlap' is still going"), "\(message)")
            #expect(message.contains("s3://\(bucket)/raw/_wolkvox/state/overlap.lease"), "\(message)")
            // The loser asked the API nothing: the calls are the winner's, as many as one run makes.
            #expect(server.stats.requests - callsOfOneRun == callsOfOneRun)

            let problems = try S3Trees.differences(
                cluster, bucket: bucket, dataset: "cdr_1", local: dir.url.appendingPathComponent("out/cdr_1"), scratch: dir.url)
            #expect(problems.isEmpty, "\(problems)")
            #expect(try BucketReader.openUploads(cluster, bucket: bucket).isEmpty)
            // The winner gave the lease back, so the next run need not wait for it to expire.
            let records = try BucketReader.list(cluster, bucket: bucket, prefix: "raw/_wolkvox/state/")
            #expect(Set(records.keys) == ["raw/_wolkvox/state/overlap.json"], "\(records.keys)")
            let next = try await CLI.run(["run", remote.path, "--progress", "never"], environment: env, cwd: dir.url)
            #expect(next.exitCode == 0, "\(next.stderr.suffix(1500))")
        }
    }
}
