import CephTestSupport
import Foundation
import ObjectStorage
import Testing

/// The client against a real S3 server (Ceph's RADOS Gateway on loopback).
@Suite(.needsCeph)
struct S3ClientCephTests {
    @Test func putGetHeadDeleteRoundTrip() async throws {
        try await CephBucket.with { bucket in
            let bytes = Array("hello, lake\n".utf8)
            let key = "raw/cdr_1/dt=2025-01-05/part 00000+x.ndjson"
            let eTag = try await bucket.client.putObject(bucket: bucket.name, key: key, bytes: bytes)
            #expect(try await bucket.client.getObject(bucket: bucket.name, key: key) == bytes)
            let head = try #require(try await bucket.client.headObject(bucket: bucket.name, key: key))
            #expect(head.size == bytes.count)
            #expect(head.eTag == eTag)
            try await bucket.client.deleteObject(bucket: bucket.name, key: key)
            #expect(try await bucket.client.headObject(bucket: bucket.name, key: key) == nil)
            #expect(try await bucket.client.getObject(bucket: bucket.name, key: key) == nil)
        }
    }

    @Test func listingFollowsPrefixAndContinuation() async throws {
        try await CephBucket.with { bucket in
            let keys = (0..<5).map { "a/dt=2025-01-0\($0)/_manifest.json" } + ["b/other.json"]
            for key in keys { try await bucket.client.putObject(bucket: bucket.name, key: key, bytes: [1]) }
            let first = try await bucket.client.listObjects(bucket: bucket.name, prefix: "a/", maxKeys: 2)
            #expect(first.objects.map(\.key) == Array(keys[0..<2]))
            let token = try #require(first.continuationToken)
            let second = try await bucket.client.listObjects(bucket: bucket.name, prefix: "a/", continuationToken: token, maxKeys: 2)
            #expect(second.objects.map(\.key) == Array(keys[2..<4]))
            let all = try await bucket.client.listAllObjects(bucket: bucket.name, prefix: "a/")
            #expect(all.map(\.key) == Array(keys[0..<5]))
        }
    }

    @Test func aFileOfSeveralPartsIsSentFromDiskAndReadsBackWhole() async throws {
        try await CephBucket.with { bucket in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("file-upload-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            // 12 MiB + a tail: three parts of 5 MiB, the last one short; every MiB differs, so a
            // part read from the wrong offset would show.
            let whole: [UInt8] = (0..<12).flatMap { index in [UInt8](repeating: UInt8(index), count: 1 << 20) } + [7, 7, 7]
            let big = directory.appendingPathComponent("big.bin")
            try Data(whole).write(to: big)
            let eTag = try await bucket.client.upload(bucket: bucket.name, key: "big.bin", file: big.path, partSize: S3Client.minimumPartSize)
            #expect(eTag.hasSuffix("-3"), "a three-part upload's ETag, read back with HEAD: \(eTag)")
            #expect(try await bucket.client.getObject(bucket: bucket.name, key: "big.bin", maxBytes: 16 << 20) == whole)
            #expect(try await bucket.client.listMultipartUploads(bucket: bucket.name, prefix: "").isEmpty)

            let small = directory.appendingPathComponent("small.bin")
            try Data([1, 2, 3]).write(to: small)
            let smallTag = try await bucket.client.upload(bucket: bucket.name, key: "small.bin", file: small.path)
            #expect(!smallTag.contains("-"), "a single PUT's ETag is the MD5, without a part count: \(smallTag)")
            #expect(try await bucket.client.getObject(bucket: bucket.name, key: "small.bin") == [1, 2, 3])
        }
    }

    @Test func aMissingFileUploadsNothing() async throws {
        try await CephBucket.with { bucket in
            let missing = "/nonexistent/\(UUID().uuidString)"
            await #expect(throws: (any Error).self) {
                try await bucket.client.upload(bucket: bucket.name, key: "gone", file: missing)
            }
            let head = try await bucket.client.headObject(bucket: bucket.name, key: "gone")
            let uploads = try await bucket.client.listMultipartUploads(bucket: bucket.name, prefix: "")
            #expect(head == nil)
            #expect(uploads.isEmpty)
        }
    }

    @Test func aMultipartUploadWhosePartsFailIsAborted() async throws {
        try await CephBucket.with { bucket in
            await #expect(throws: Broken.self) {
                try await bucket.client.multipartUpload(bucket: bucket.name, key: "broken") { uploadID in
                    _ = try await bucket.client.uploadPart(
                        bucket: bucket.name, key: "broken", uploadID: uploadID, number: 1,
                        bytes: [UInt8](repeating: 1, count: S3Client.minimumPartSize))
                    throw Broken()
                }
            }
            let uploads = try await bucket.client.listMultipartUploads(bucket: bucket.name, prefix: "")
            let object = try await bucket.client.headObject(bucket: bucket.name, key: "broken")
            #expect(uploads.isEmpty)
            #expect(object == nil)
        }
    }

    @Test func abandonedUploadsAreListedAndAborted() async throws {
        try await CephBucket.with { bucket in
            let id = try await bucket.client.createMultipartUpload(bucket: bucket.name, key: "p/left-behind")
            _ = try await bucket.client.uploadPart(bucket: bucket.name, key: "p/left-behind", uploadID: id, number: 1, bytes: [1, 2, 3])
            let open = try await bucket.client.listMultipartUploads(bucket: bucket.name, prefix: "p/")
            #expect(open.map(\.uploadID) == [id])
            #expect(try await bucket.client.listMultipartUploads(bucket: bucket.name, prefix: "q/").isEmpty)
            try await bucket.client.abortMultipartUpload(bucket: bucket.name, key: "p/left-behind", uploadID: id)
            #expect(try await bucket.client.listMultipartUploads(bucket: bucket.name, prefix: "p/").isEmpty)
        }
    }

    @Test func missingBucketIsNamedWithTheEndpoint() async throws {
        try await CephBucket.with { bucket in
            let error = await #expect(throws: S3Error.self) {
                try await bucket.client.checkAccess(bucket: "no-such-bucket-here", prefix: "x/")
            }
            #expect(error?.code == .noSuchBucket)
            #expect(error?.message.contains("no-such-bucket-here") == true)
            #expect(error?.message.contains(bucket.cluster.endpoint) == true)
        }
    }

    @Test func wrongSecretIsASignatureMismatchThatHidesTheSecret() async throws {
        let cluster = try await SharedCeph.shared.cluster()
        let wrong = S3Credentials(accessKeyID: cluster.accessKeyID, secretAccessKey: "not-the-secret-xyz")
        try await CephBucket.with(credentials: wrong) { bucket in
            let error = await #expect(throws: S3Error.self) {
                try await bucket.client.checkAccess(bucket: bucket.name, prefix: "")
            }
            #expect(error?.code == .signatureDoesNotMatch)
            #expect(error?.code.isAuthentication == true)
            #expect(error?.message.contains("not-the-secret-xyz") == false)
        }
    }

    @Test func unknownAccessKeyIsNamedAsSuch() async throws {
        try await CephBucket.with(credentials: S3Credentials(accessKeyID: "NOSUCHKEY", secretAccessKey: "x")) { bucket in
            let error = await #expect(throws: S3Error.self) {
                try await bucket.client.checkAccess(bucket: bucket.name, prefix: "")
            }
            #expect(error?.code == .invalidAccessKeyID)
        }
    }

    @Test func skewedClockIsNamedAsSuch() async throws {
        let cluster = try await SharedCeph.shared.cluster()
        try await CephBucket.with { bucket in
            let late = S3Client(
                endpoint: bucket.client.endpoint, credentials: cluster.credentials, http: .shared,
                retry: S3RetryPolicy(attempts: 1), now: { Date().addingTimeInterval(-3600) })
            let error = await #expect(throws: S3Error.self) {
                try await late.checkAccess(bucket: bucket.name, prefix: "")
            }
            #expect(error?.code == .requestTimeTooSkewed)
        }
    }
}

struct Broken: Error {}
