import CephTestSupport
import Foundation
import ObjectStorage
import Testing

/// Conditional PUTs and dated reads against a real S3 server: what the pipeline lease relies on.
@Suite(.needsCeph)
struct S3ConditionalWriteCephTests {
    @Test func putIfAbsentWritesOnceThenRefusesWithPreconditionFailed() async throws {
        try await CephBucket.with { bucket in
            try await bucket.client.putObject(bucket: bucket.name, key: "lease", bytes: [1], condition: .absent)
            let refused = await #expect(throws: S3Error.self) {
                try await bucket.client.putObject(bucket: bucket.name, key: "lease", bytes: [2], condition: .absent)
            }
            #expect(refused?.code == .preconditionFailed)
            #expect(try await bucket.client.getObject(bucket: bucket.name, key: "lease") == [1])
        }
    }

    @Test func putIfMatchWritesOnlyOverTheObjectItWasGiven() async throws {
        try await CephBucket.with { bucket in
            let first = try await bucket.client.putObject(bucket: bucket.name, key: "lease", bytes: [1])
            let second = try await bucket.client.putObject(bucket: bucket.name, key: "lease", bytes: [2], condition: .matches(eTag: first))
            // The ETag the first writer saw is gone: a second writer holding it loses.
            let refused = await #expect(throws: S3Error.self) {
                try await bucket.client.putObject(bucket: bucket.name, key: "lease", bytes: [3], condition: .matches(eTag: first))
            }
            #expect(refused?.code == .preconditionFailed)
            #expect(try await bucket.client.getObject(bucket: bucket.name, key: "lease") == [2])
            try await bucket.client.putObject(bucket: bucket.name, key: "lease", bytes: [4], condition: .matches(eTag: second))
            #expect(try await bucket.client.getObject(bucket: bucket.name, key: "lease") == [4])
        }
    }

    @Test func aDatedReadCarriesTheETagAndTheServersClock() async throws {
        try await CephBucket.with { bucket in
            let eTag = try await bucket.client.putObject(bucket: bucket.name, key: "dated", bytes: [9, 9])
            let read = try #require(try await bucket.client.getObjectWithMetadata(bucket: bucket.name, key: "dated"))
            #expect(read.bytes == [9, 9])
            #expect(read.eTag == eTag)
            // Both by the server's clock, to the second: the read is not before the write.
            #expect(read.serverDate >= read.lastModified)
            #expect(abs(read.serverDate.timeIntervalSinceNow) < 120)
            #expect(try await bucket.client.getObjectWithMetadata(bucket: bucket.name, key: "absent") == nil)
        }
    }
}
