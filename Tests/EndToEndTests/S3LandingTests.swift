import CephTestSupport
import Foundation
import ObjectStorage
import Testing
import WolkvoxMock

/// Landing into a bucket through the CLI, against the mock API and a real S3 server (Ceph's RADOS
/// Gateway on loopback), with the bucket read back by boto3.
@Suite(
    .serialized,
    .needsCeph,
    .needsBoto3)
struct S3LandingTests {
    static func pipeline(root: String, name: String = "calls") -> String {
        let s3 = root.hasPrefix("s3://") ? "  s3:\n    endpoint: ${S3_ENDPOINT}\n    region: us-east-1\n    path_style: true\n" : ""
        return """
        version: 1
        name: \(name)
        source:
          report: cdr_1
          base_url: ${WOLKVOX_BASE_URL}
          token: ${WOLKVOX_TOKEN}
          timezone: America/Bogota
          from: 2025-02-01
          to: 2025-02-04
          retry: { attempts: 3, base_delay: 10ms, max_delay: 50ms }
        load:
          root: \(root)
          format: [ndjson, csv]
        \(s3)
        """
    }

    /// A fresh bucket and the environment a run needs to reach it.
    static func bucket(_ cluster: CephCluster) async throws -> String {
        let name = "lake-\(UUID().uuidString.prefix(8).lowercased())"
        let client = S3Client.owningConnections(
            endpoint: try S3Endpoint(url: cluster.endpoint, region: cluster.region, pathStyle: true),
            credentials: S3Credentials(accessKeyID: cluster.accessKeyID, secretAccessKey: cluster.secretAccessKey))
        do {
            try await client.createBucket(name)
        } catch {
            await client.shutdown()
            throw error
        }
        await client.shutdown()
        return name
    }

    static func environment(_ cluster: CephCluster, _ server: MockServer, secret: String? = nil) -> [String: String] {
        [
            "WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "mock-token", "S3_ENDPOINT": cluster.endpoint,
            "AWS_ACCESS_KEY_ID": cluster.accessKeyID, "AWS_SECRET_ACCESS_KEY": secret ?? cluster.secretAccessKey,
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
        ]
    }

    @Test func backfillLandsTheSameBytesAsOnDiskAndAReRunReplacesDaysWithoutDuplicates() async throws {
        let cluster = try await SharedCeph.shared.cluster()
        let bucket = try await Self.bucket(cluster)
        let dir = try TempDir()
        let local = try dir.write("local.yaml", Self.pipeline(root: "out"))
        let remote = try dir.write("s3.yaml", Self.pipeline(root: "s3://\(bucket)/raw/wolkvox"))
        try await MockServer.withRunning(MockConfiguration()) { server in
            let env = Self.environment(cluster, server)
            let onDisk = try await CLI.run(["run", local.path, "--progress", "never"], environment: env, cwd: dir.url)
            #expect(onDisk.exitCode == 0, "stderr: \(onDisk.stderr.suffix(2000))")
            let toBucket = try await CLI.run(["run", remote.path, "--progress", "never"], environment: env, cwd: dir.url)
            #expect(toBucket.exitCode == 0, "stderr: \(toBucket.stderr.suffix(2000))")

            let downloaded = dir.url.appendingPathComponent("downloaded")
            let first = try BucketReader.download(cluster, bucket: bucket, prefix: "raw/wolkvox/", into: downloaded)
            let days = ["2025-02-01", "2025-02-02", "2025-02-03", "2025-02-04"]
            for day in days {
                let localDay = dir.url.appendingPathComponent("out/cdr_1/dt=\(day)")
                let bucketDay = downloaded.appendingPathComponent("cdr_1/dt=\(day)")
                let localFiles = try Self.manifestFiles(localDay)
                let bucketFiles = try Self.manifestFiles(bucketDay)
                #expect(localFiles.count == bucketFiles.count && !localFiles.isEmpty, "dt=\(day)")
                for (mine, theirs) in zip(localFiles, bucketFiles) {
                    let a = try Data(contentsOf: localDay.appendingPathComponent(mine))
                    let b = try Data(contentsOf: bucketDay.appendingPathComponent(theirs))
                    #expect(a == b, "dt=\(day): \(mine) on disk and \(theirs) in the bucket differ")
                }
                // Nothing in the day but its manifest and the files it lists.
                let present = Set(try FileManager.default.contentsOfDirectory(atPath: bucketDay.path))
                #expect(present == Set(bucketFiles + ["_manifest.json"]), "dt=\(day)")
            }
            #expect(first.keys.contains("raw/wolkvox/_wolkvox/state/calls.json"))
            #expect(first.keys.contains { $0.hasPrefix("raw/wolkvox/_wolkvox/runs/") })

            // The same range again: unchanged days are left as they are (same objects, same ETags).
            let again = try await CLI.run(["run", remote.path, "--progress", "never", "--no-resume"], environment: env, cwd: dir.url)
            #expect(again.exitCode == 0, "stderr: \(again.stderr.suffix(2000))")
            let second = try BucketReader.list(cluster, bucket: bucket, prefix: "raw/wolkvox/cdr_1/")
            #expect(second == first.filter { $0.key.hasPrefix("raw/wolkvox/cdr_1/") })
            #expect(try BucketReader.openUploads(cluster, bucket: bucket).isEmpty)
        }
        // Other data for the same days: each day is replaced whole, its old files gone.
        var changed = MockConfiguration()
        changed.seed = 2
        try await MockServer.withRunning(changed) { server in
            let env = Self.environment(cluster, server)
            let result = try await CLI.run(["run", remote.path, "--progress", "never", "--no-resume"], environment: env, cwd: dir.url)
            #expect(result.exitCode == 0, "stderr: \(result.stderr.suffix(2000))")
            let downloaded = dir.url.appendingPathComponent("replaced")
            _ = try BucketReader.download(cluster, bucket: bucket, prefix: "raw/wolkvox/cdr_1/", into: downloaded)
            for day in ["2025-02-01", "2025-02-04"] {
                let bucketDay = downloaded.appendingPathComponent("dt=\(day)")
                let files = try Self.manifestFiles(bucketDay)
                let present = Set(try FileManager.default.contentsOfDirectory(atPath: bucketDay.path))
                #expect(present == Set(files + ["_manifest.json"]), "dt=\(day) holds exactly its new manifest's files")
            }
        }
    }

    @Test func wrongSecretEndsWithExitFourBeforeAnyCall() async throws {
        let cluster = try await SharedCeph.shared.cluster()
        let bucket = try await Self.bucket(cluster)
        let dir = try TempDir()
        let remote = try dir.write("s3.yaml", Self.pipeline(root: "s3://\(bucket)/raw"))
        try await MockServer.withRunning(MockConfiguration()) { server in
            let result = try await CLI.run(
                ["run", remote.path, "--progress", "never"], environment: Self.environment(cluster, server, secret: "wrong-secret-123"),
                cwd: dir.url)
            #expect(result.exitCode == 4, "stderr: \(result.stderr.suffix(2000))")
            #expect(result.stderr.contains(bucket))
            #expect(result.stderr.contains(cluster.endpoint))
            #expect(result.stderr.contains("AWS_SECRET_ACCESS_KEY"))
            #expect(!result.stderr.contains("wrong-secret-123"))
            #expect(server.stats.requests == 0)
        }
    }

    @Test func missingBucketEndsWithExitTwoBeforeAnyCall() async throws {
        let cluster = try await SharedCeph.shared.cluster()
        let dir = try TempDir()
        let remote = try dir.write("s3.yaml", Self.pipeline(root: "s3://no-such-lake/raw"))
        try await MockServer.withRunning(MockConfiguration()) { server in
            let result = try await CLI.run(["run", remote.path, "--progress", "never"], environment: Self.environment(cluster, server), cwd: dir.url)
            #expect(result.exitCode == 2, "stderr: \(result.stderr.suffix(2000))")
            #expect(result.stderr.contains("no-such-lake"))
            #expect(result.stderr.contains("does not exist"))
            #expect(server.stats.requests == 0)
        }
    }

    /// The data files a day's manifest lists, in order.
    static func manifestFiles(_ day: URL) throws -> [String] {
        let data = try Data(contentsOf: day.appendingPathComponent("_manifest.json"))
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return ((json?["files"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String }
    }
}

struct ScriptFailure: Error {
    var status: Int32
}

extension Trait where Self == ConditionTrait {
    /// Runs a suite only where boto3 is installed (`.ci/run` installs it).
    static var needsBoto3: Self { .enabled(if: BucketReader.isAvailable, "boto3 is not installed (pip install boto3)") }
}

/// boto3, an independent S3 client, reading the bucket back.
enum BucketReader {
    static let isAvailable: Bool = (try? python("import boto3", input: [:])) != nil

    /// Downloads every object under `prefix` into `folder` (keys relative to the prefix).
    /// - Returns: each key's ETag and Last-Modified.
    static func download(_ cluster: CephCluster, bucket: String, prefix: String, into folder: URL) throws -> [String: String] {
        try run(cluster, bucket: bucket, prefix: prefix, folder: folder.path, action: "download")
    }

    static func list(_ cluster: CephCluster, bucket: String, prefix: String) throws -> [String: String] {
        try run(cluster, bucket: bucket, prefix: prefix, folder: "", action: "list")
    }

    static func openUploads(_ cluster: CephCluster, bucket: String) throws -> [String: String] {
        try run(cluster, bucket: bucket, prefix: "", folder: "", action: "uploads")
    }

    /// Sets a bucket policy that refuses every PutObject under `prefix` (nil: removes the policy).
    static func refusePuts(_ cluster: CephCluster, bucket: String, under prefix: String?) throws {
        _ = try run(cluster, bucket: bucket, prefix: prefix ?? "", folder: "", action: prefix == nil ? "allow" : "refuse")
    }

    private static func run(_ cluster: CephCluster, bucket: String, prefix: String, folder: String, action: String) throws -> [String: String] {
        let script = #"""
import sys, json, os, boto3
from botocore.config import Config
a = json.load(sys.stdin)
s3 = boto3.client("s3", endpoint_url=a["endpoint"], aws_access_key_id=a["key"], aws_secret_access_key=a["secret"],
                  region_name="us-east-1", config=Config(s3={"addressing_style": "path"}))
out = {}
if a["action"] == "refuse":
    s3.put_bucket_policy(Bucket=a["bucket"], Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
        "Resource": "arn:aws:s3:::" + a["bucket"] + "/" + a["prefix"] + "*"}]}))
elif a["action"] == "allow":
    s3.delete_bucket_policy(Bucket=a["bucket"])
elif a["action"] == "uploads":
    for u in s3.list_multipart_uploads(Bucket=a["bucket"]).get("Uploads", []):
        out[u["Key"]] = u["UploadId"]
else:
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=a["bucket"], Prefix=a["prefix"]):
        for o in page.get("Contents", []):
            out[o["Key"]] = o["ETag"] + " " + o["LastModified"].isoformat()
            if a["action"] == "download":
                path = os.path.join(a["folder"], o["Key"][len(a["prefix"]):])
                os.makedirs(os.path.dirname(path), exist_ok=True)
                s3.download_file(a["bucket"], o["Key"], path)
print(json.dumps(out))
"""#
        let output = try python(script, input: [
            "endpoint": cluster.endpoint, "key": cluster.accessKeyID, "secret": cluster.secretAccessKey, "bucket": bucket,
            "prefix": prefix, "folder": folder, "action": action,
        ])
        return try JSONDecoder().decode([String: String].self, from: output)
    }

    private static func python(_ script: String, input: [String: String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(try JSONEncoder().encode(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ScriptFailure(status: process.terminationStatus) }
        return output
    }
}
