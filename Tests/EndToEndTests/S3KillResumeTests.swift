import CephTestSupport
import Foundation
import ObjectStorage
import Testing
import WolkvoxAPI
import WolkvoxMock

/// SIGKILL while a day's file is being uploaded in parts: the killed run leaves an open
/// multipart upload and its lease; the next run waits for neither longer than the lease's
/// lifetime, takes the pipeline over, aborts the upload and lands the exact tree.
@Suite(
    .serialized,
    .enabled(if: CephCluster.isAvailable, "Ceph is not installed (apt-get install ceph-mon ceph-osd radosgw ceph-common)"),
    .enabled(if: BucketReader.isAvailable, "boto3 is not installed (pip install boto3)"))
struct S3KillResumeTests {
    @Test func aRunKilledMidUploadIsResumedToAnExactTreeWithNoOpenUpload() async throws {
        let cluster = try await SharedCeph.shared.cluster()
        let bucket = try await S3LandingTests.bucket(cluster)
        let dir = try TempDir()
        var config = MockConfiguration()
        // One heavy day: its NDJSON file is larger than a part (8 MiB), so it goes up in parts.
        config.dataset.spikes = [MockSpike(report: "cdr_1", day: LocalDay(year: 2025, month: 3, day: 5), hours: 0...23, rows: 240_000)]
        let local = try dir.write("local.yaml", BackfillTests.pipeline(
            report: "cdr_1", name: "killed", from: "2025-03-03", to: "2025-03-07", formats: "ndjson"))
        let remote = try dir.write("s3.yaml", S3Trees.pipeline(
            bucket: bucket, report: "cdr_1", name: "killed", from: "2025-03-03", to: "2025-03-07"))
        try await MockServer.withRunning(config) { server in
            var env = S3LandingTests.environment(cluster, server)
            env["WOLKVOX_LOCK_DIR"] = dir.url.path + "/locks"
            env["WOLKVOX_S3_LEASE_SECONDS"] = "3"
            let reference = try await CLI.run(["run", local.path, "--progress", "never"], environment: env, cwd: dir.url)
            try #require(reference.exitCode == 0, "\(reference.stderr.suffix(1500))")

            let run = try Spawned.start(["run", remote.path, "--progress", "never"], environment: env, cwd: dir.url,
                                        logPrefix: dir.url.appendingPathComponent("killed"))
            let leftover = try await S3Trees.withClient(cluster) { client in
                try await waitUntil("a multipart upload is in flight", timeout: .seconds(120), interval: .milliseconds(5)) {
                    try await !client.listMultipartUploads(bucket: bucket, prefix: "raw/").isEmpty
                }
                run.kill()
                _ = await run.exit()
                return try await client.listMultipartUploads(bucket: bucket, prefix: "raw/")
            }
            #expect(!leftover.isEmpty, "the kill left the upload open")

            // At once, the killed run's lease still holds the pipeline: the resume stops without a call.
            let calls = server.stats.requests
            let early = try await CLI.run(["run", remote.path, "--progress", "never"], environment: env, cwd: dir.url)
            #expect(early.exitCode == 1, "\(early.stderr.suffix(1500))")
            #expect(early.stderr.contains("another run of pipeline 'killed' is still going"), "\(early.stderr.suffix(1500))")
            #expect(server.stats.requests == calls)

            // Once the lease has gone unrenewed for its lifetime, a run takes the pipeline over.
            var resumed: CLI.Result?
            try await waitUntil("a resume takes over the killed run's lease", timeout: .seconds(30), interval: .milliseconds(500)) {
                let result = try await CLI.run(["run", remote.path, "--progress", "never"], environment: env, cwd: dir.url)
                guard !result.stderr.contains("is still going") else { return false }
                resumed = result
                return true
            }
            let result = try #require(resumed)
            #expect(result.exitCode == 0, "\(result.stderr.suffix(1500))")
            #expect(result.stderr.contains("taking over"), "\(result.stderr.suffix(1500))")
            #expect(result.stderr.contains("aborting an upload an earlier run left"), "\(result.stderr.suffix(1500))")

            #expect(try BucketReader.openUploads(cluster, bucket: bucket).isEmpty)
            let problems = try S3Trees.differences(
                cluster, bucket: bucket, dataset: "cdr_1", local: dir.url.appendingPathComponent("out/cdr_1"), scratch: dir.url)
            #expect(problems.isEmpty, "\(problems)")
        }
    }
}
