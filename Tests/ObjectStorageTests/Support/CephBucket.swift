import CephTestSupport
import AsyncHTTPClient
import Foundation
import ObjectStorage

/// A fresh bucket on the shared Ceph cluster, and a client for it; the HTTP client is shut
/// down when the body ends.
struct CephBucket {
    let cluster: CephCluster
    let client: S3Client
    let name: String

    static func with<T>(
        credentials: S3Credentials? = nil, _ body: (CephBucket) async throws -> T
    ) async throws -> T {
        let cluster = try await SharedCeph.shared.cluster()
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let endpoint = try S3Endpoint(url: cluster.endpoint, region: cluster.region, pathStyle: true)
            let owner = S3Client(endpoint: endpoint, credentials: cluster.credentials, http: http)
            let name = "test-\(UUID().uuidString.prefix(8).lowercased())"
            try await owner.createBucket(name)
            let client = S3Client(
                endpoint: endpoint, credentials: credentials ?? cluster.credentials, http: http,
                retry: S3RetryPolicy(attempts: 2, baseDelay: .milliseconds(10)))
            let result = try await body(CephBucket(cluster: cluster, client: client, name: name))
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }
}

extension CephCluster {
    var credentials: S3Credentials { S3Credentials(accessKeyID: accessKeyID, secretAccessKey: secretAccessKey) }
}
