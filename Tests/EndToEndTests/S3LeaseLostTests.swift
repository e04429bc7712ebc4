import CephTestSupport
import Foundation
import ObjectStorage
import Testing
import WolkvoxMock

/// A run whose lease another run took over (it was paused past the lease's lifetime, say) stops
/// writing and says so, rather than racing the new holder.
@Suite(
    .serialized,
    .needsCeph)
struct S3LeaseLostTests {
    @Test func aRunThatFindsItsLeaseReplacedStopsWithExitOneAndLeavesTheNewLease() async throws {
        let cluster = try await SharedCeph.shared.cluster()
        let bucket = try await S3LandingTests.bucket(cluster)
        let dir = try TempDir()
        var config = MockConfiguration()
        config.dataset.spikes = []
        config.responseDelay = .milliseconds(150)
        let remote = try dir.write("s3.yaml", S3Trees.pipeline(
            bucket: bucket, report: "cdr_1", name: "paused", from: "2025-03-01", to: "2025-03-31",
            extra: "  max_days_per_request: 1\n"))
        let leaseKey = "raw/_wolkvox/state/paused.lease"
        let usurper = Array(#"{"acquired_at":"2026-01-01T00:00:00Z","host":"elsewhere","owner":"usurper","pid":1,"run_id":"usurper-run","ttl_seconds":60}"#.utf8)
        try await MockServer.withRunning(config) { server in
            var env = S3LandingTests.environment(cluster, server)
            env["WOLKVOX_LOCK_DIR"] = dir.url.path + "/locks"
            env["WOLKVOX_S3_LEASE_SECONDS"] = "3"
            let run = try Spawned.start(["run", remote.path, "--progress", "never"], environment: env, cwd: dir.url,
                                        logPrefix: dir.url.appendingPathComponent("paused"))
            try await S3Trees.withClient(cluster) { client in
                try await waitUntil("the run has made a call", timeout: .seconds(30)) { server.stats.requests > 0 }
                try await client.putObject(bucket: bucket, key: leaseKey, bytes: usurper)
                let exit = await run.exit()
                #expect(exit.status == 1 && !exit.signaled, "\(run.stderr.suffix(1500))")
                #expect(run.stderr.contains("lost its lease on pipeline 'paused'"), "\(run.stderr.suffix(1500))")
                #expect(run.stderr.contains("usurper-run"), "\(run.stderr.suffix(1500))")
                // It stopped long before the month's 31 calls, and left the new holder's lease alone.
                #expect(server.stats.requests < 31)
                #expect(try await client.getObject(bucket: bucket, key: leaseKey) == usurper)
            }
        }
    }
}
