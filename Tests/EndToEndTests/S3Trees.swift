import CephTestSupport
import Foundation
import ObjectStorage

/// What the S3 end-to-end tests share: a pipeline landing into a bucket, a client of their own
/// to watch the bucket while a run goes, and the comparison of a bucket's tree with a local one.
enum S3Trees {
    /// `BackfillTests.pipeline` landing into `s3://BUCKET/raw/` on the test cluster.
    static func pipeline(bucket: String, report: String, name: String, from: String, to: String, formats: String = "ndjson",
                         extra: String = "") -> String {
        BackfillTests.pipeline(report: report, name: name, from: from, to: to, formats: formats, extra: extra)
            .replacingOccurrences(of: "  root: out\n", with: """
                  root: s3://\(bucket)/raw/
                  s3:
                    endpoint: ${S3_ENDPOINT}
                    region: us-east-1
                    path_style: true

                """)
    }

    /// A client of the test's own (not the CLI's) on the cluster; shut it down after `body`.
    static func withClient<T>(_ cluster: CephCluster, _ body: (S3Client) async throws -> T) async throws -> T {
        let client = S3Client.owningConnections(
            endpoint: try S3Endpoint(url: cluster.endpoint, region: cluster.region, pathStyle: true),
            credentials: S3Credentials(accessKeyID: cluster.accessKeyID, secretAccessKey: cluster.secretAccessKey))
        do {
            let result = try await body(client)
            await client.shutdown()
            return result
        } catch {
            await client.shutdown()
            throw error
        }
    }

    /// What differs between the dataset `dataset` under `s3://BUCKET/raw/` and the same dataset
    /// landed locally in `local` (empty when nothing): each bucket day must hold exactly its
    /// manifest and the files it lists, and the same rows as the local day.
    static func differences(_ cluster: CephCluster, bucket: String, dataset: String, local: URL, scratch: URL) throws -> [String] {
        let downloaded = scratch.appendingPathComponent("bucket-\(UUID().uuidString.prefix(8))")
        _ = try BucketReader.download(cluster, bucket: bucket, prefix: "raw/\(dataset)/", into: downloaded)
        let localLines = try LandedTree.sortedLinesByDay(local)
        let bucketLines = try LandedTree.sortedLinesByDay(downloaded)
        var problems = LandedTree.problems(downloaded, expectedRows: localLines.mapValues(\.count))
        if Set(localLines.keys) != Set(bucketLines.keys) {
            problems.append("days: local \(localLines.keys.sorted()), bucket \(bucketLines.keys.sorted())")
        }
        for (day, lines) in localLines where bucketLines[day] != lines {
            problems.append("dt=\(day): \(lines.count) rows locally, \(bucketLines[day]?.count ?? 0) in the bucket, or other rows")
        }
        return problems
    }
}
