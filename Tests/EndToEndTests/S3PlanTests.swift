import CephTestSupport
import Foundation
import Testing
import WolkvoxMock

/// `plan` for an `s3://` root reads the state the runs left in the bucket, as it does from a folder.
@Suite(
    .serialized,
    .needsCeph)
struct S3PlanTests {
    @Test func planForABucketRootKnowsTheDaysLandedThere() async throws {
        let cluster = try await SharedCeph.shared.cluster()
        let bucket = try await S3LandingTests.bucket(cluster)
        let dir = try TempDir()
        var config = MockConfiguration()
        config.dataset.spikes = []
        let remote = try dir.write("s3.yaml", S3Trees.pipeline(
            bucket: bucket, report: "cdr_1", name: "planned", from: "2025-03-03", to: "2025-03-05"))
        try await MockServer.withRunning(config) { server in
            let env = S3LandingTests.environment(cluster, server)
            let before = try await CLI.run(["plan", remote.path, "--json"], environment: env, cwd: dir.url)
            #expect(before.exitCode == 0, "\(before.stderr)")
            let fresh = try #require(try JSONSerialization.jsonObject(with: Data(before.stdout.utf8)) as? [String: Any])
            #expect((fresh["replaces_landed_days"] as? [String]) == [])
            #expect(fresh["output"] as? String == "s3://\(bucket)/raw/cdr_1/dt=YYYY-MM-DD/")

            let run = try await CLI.run(["run", remote.path, "--progress", "never"], environment: env, cwd: dir.url)
            try #require(run.exitCode == 0, "\(run.stderr.suffix(1500))")
            let calls = server.stats.requests
            let after = try await CLI.run(["plan", remote.path, "--json"], environment: env, cwd: dir.url)
            #expect(after.exitCode == 0, "\(after.stderr)")
            let known = try #require(try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any])
            #expect((known["replaces_landed_days"] as? [String]) == ["2025-03-03", "2025-03-04", "2025-03-05"])
            #expect(known["days_with_known_density"] as? Int == 3)
            #expect(server.stats.requests == calls, "plan calls nothing")
        }
    }

    @Test func planForABucketRootWithAWrongSecretSaysWhatToFix() async throws {
        let cluster = try await SharedCeph.shared.cluster()
        let bucket = try await S3LandingTests.bucket(cluster)
        let dir = try TempDir()
        let remote = try dir.write("s3.yaml", S3Trees.pipeline(
            bucket: bucket, report: "cdr_1", name: "planned", from: "2025-03-03", to: "2025-03-05"))
        try await MockServer.withRunning(MockConfiguration()) { server in
            let result = try await CLI.run(
                ["plan", remote.path], environment: S3LandingTests.environment(cluster, server, secret: "wrong-secret-456"), cwd: dir.url)
            #expect(result.exitCode == 4, "\(result.stderr)")
            #expect(result.stderr.contains("AWS_SECRET_ACCESS_KEY"))
            #expect(!result.stderr.contains("wrong-secret-456"))
        }
    }
}
