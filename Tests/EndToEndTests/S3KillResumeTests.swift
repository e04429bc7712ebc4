import CephTestSupport
import Foundation
import ObjectStorage
import Testing
import WolkvoxAPI
import WolkvoxMock

/// SIGKILL while a run uploads days: the killed run leaves objects no manifest lists, maybe a
/// day without its manifest, and its lease; with them, a multipart upload left open. The next
/// run waits no longer than the lease's lifetime, takes the pipeline over, aborts the upload and
/// lands the exact tree.
///
/// The open upload is started by the test: with the API's 60,000-record cap a `cdr_1` day file
/// holds at most one window's rows (about 3 MB gzipped), below the 8 MiB from which files go up
/// in parts, so the mock's data never makes the tool start one itself. What is left behind is
/// the same: an upload under the dataset that nobody will complete.
@Suite(
    .serialized,
    .needsCeph,
    .needsBoto3)
struct S3KillResumeTests {
    @Test func aRunKilledWhileUploadingIsResumedToAnExactTreeWithNoOpenUpload() async throws {
        let cluster = try await SharedCeph.shared.cluster()
        let bucket = try await S3LandingTests.bucket(cluster)
        let dir = try TempDir()
        var config = MockConfiguration()
        config.dataset.spikes = []
        // Answers held a little, so the kill falls while the run still has days to land.
        config.responseDelay = .milliseconds(100)
        let local = try dir.write("local.yaml", BackfillTests.pipeline(
            report: "cdr_1", name: "killed", from: "2025-03-03", to: "2025-03-16", formats: "ndjson",
            extra: "  max_days_per_request: 1\n"))
        let remote = try dir.write("s3.yaml", S3Trees.pipeline(
            bucket: bucket, report: "cdr_1", name: "killed", from: "2025-03-03", to: "2025-03-16",
            extra: "  max_days_per_request: 1\n"))
        try await MockServer.withRunning(config) { server in
            var env = S3LandingTests.environment(cluster, server)
            env["WOLKVOX_LOCK_DIR"] = dir.url.path + "/locks"
            // Long enough that the killed run's lease still holds when the test first tries to resume.
            env["WOLKVOX_S3_LEASE_SECONDS"] = "10"
            let reference = try await CLI.run(["run", local.path, "--progress", "never"], environment: env, cwd: dir.url)
            try #require(reference.exitCode == 0, "\(reference.stderr.suffix(1500))")

            let run = try Spawned.start(["run", remote.path, "--progress", "never"], environment: env, cwd: dir.url,
                                        logPrefix: dir.url.appendingPathComponent("killed"))
            let leftover = try await S3Trees.withClient(cluster) { client in
                try await waitUntil("the run has uploaded a data file", timeout: .seconds(60), interval: .milliseconds(5)) {
                    // The whole first page: a day's `_manifest.json` sorts before its `part-` files, and
                    // days publish several at once.
                    try await client.listObjects(bucket: bucket, prefix: "raw/cdr_1/").objects.contains { $0.key.hasSuffix(".ndjson.gz") }
                }
                run.kill()
                _ = await run.exit()
                let key = "raw/cdr_1/dt=2025-03-10/part-00000-0123456789abcdef.ndjson.gz"
                let upload = try await client.createMultipartUpload(bucket: bucket, key: key)
                _ = try await client.uploadPart(bucket: bucket, key: key, uploadID: upload, number: 1, bytes: Array(repeating: 1, count: 1024))
                return try await client.listMultipartUploads(bucket: bucket, prefix: "raw/")
            }
            #expect(leftover.count == 1)
            let landedBeforeTheKill = try BucketReader.list(cluster, bucket: bucket, prefix: "raw/cdr_1/").keys.filter { $0.hasSuffix("_manifest.json") }
            #expect(landedBeforeTheKill.count < 14, "the kill fell before the end: \(landedBeforeTheKill)")

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
