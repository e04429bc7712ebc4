import CephTestSupport
import Foundation
import Testing
import WolkvoxMock

/// Values that do not coerce, landing into a bucket: the records go to
/// `PREFIX/_wolkvox/rejects/REPORT/`, as on disk, and never among the data.
@Suite(
    .serialized,
    .needsCeph,
    .needsBoto3)
struct S3RejectsTests {
    @Test func rejectsLandUnderTheBucketsWolkvoxRejectsPrefixAsTheyDoOnDisk() async throws {
        let cluster = try await SharedCeph.shared.cluster()
        let bucket = try await S3LandingTests.bucket(cluster)
        let dir = try TempDir()
        var config = MockConfiguration()
        config.dataset.invalidValueRate = 0.05
        config.dataset.spikes = []
        let local = try dir.write("local.yaml", BackfillTests.pipeline(
            report: "cdr_1", name: "rejects", from: "2025-03-03", to: "2025-03-05", formats: "ndjson"))
        let remote = try dir.write("s3.yaml", S3Trees.pipeline(
            bucket: bucket, report: "cdr_1", name: "rejects", from: "2025-03-03", to: "2025-03-05"))
        try await MockServer.withRunning(config) { server in
            let env = S3LandingTests.environment(cluster, server)
            for file in [local, remote] {
                let result = try await CLI.run(["run", file.path, "--progress", "never"], environment: env, cwd: dir.url)
                try #require(result.exitCode == 0, "\(file.lastPathComponent): \(result.stderr.suffix(1500))")
            }
            let localRejects = dir.url.appendingPathComponent("out/_wolkvox/rejects/cdr_1")
            #expect(try LandedFiles.ndjsonRows(localRejects).count > 0)
            let rejectProblems = try S3Trees.differences(
                cluster, bucket: bucket, dataset: "_wolkvox/rejects/cdr_1", local: localRejects, scratch: dir.url)
            #expect(rejectProblems.isEmpty, "\(rejectProblems)")
            let dataProblems = try S3Trees.differences(
                cluster, bucket: bucket, dataset: "cdr_1", local: dir.url.appendingPathComponent("out/cdr_1"), scratch: dir.url)
            #expect(dataProblems.isEmpty, "\(dataProblems)")
            let dataKeys = try BucketReader.list(cluster, bucket: bucket, prefix: "raw/cdr_1/").keys
            #expect(!dataKeys.isEmpty && !dataKeys.contains { $0.contains("reject") })
        }
    }
}
