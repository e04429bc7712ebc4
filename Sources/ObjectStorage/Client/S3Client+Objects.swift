import Foundation

extension S3Client {
    /// Checks that the bucket exists and the credentials may list it: one cheap request
    /// (ListObjectsV2 with max-keys 1 under `prefix`), so a bad setting fails before any work.
    /// - Throws: `S3Error` (`.noSuchBucket`, `.accessDenied`, `.invalidAccessKeyID`, ...).
    package func checkAccess(bucket: String, prefix: String) async throws {
        _ = try await listObjects(bucket: bucket, prefix: prefix, maxKeys: 1)
    }

    /// Creates a bucket (tests and demos; a landing never creates its bucket).
    package func createBucket(_ bucket: String) async throws {
        _ = try await send(Request(operation: "CreateBucket", method: .PUT, bucket: bucket))
    }

    /// Stores a small object in one request, with `Content-MD5` so the server checks the bytes.
    /// - Parameter condition: when set, the server stores the object only if it holds, and
    ///   otherwise answers `S3Error` `.preconditionFailed`.
    /// - Returns: the object's ETag, without quotes.
    @discardableResult
    package func putObject(
        bucket: String, key: String, bytes: [UInt8], contentType: String = "application/octet-stream",
        condition: S3WriteCondition? = nil
    ) async throws -> String {
        let response = try await send(Request(
            operation: "PutObject", method: .PUT, bucket: bucket, key: key,
            headers: [.init("Content-MD5", PayloadHash.md5Base64(bytes)), .init("Content-Type", contentType)]
                + (condition.map { [$0.header] } ?? []),
            body: bytes))
        return Self.unquoted(response.headers.first(name: "ETag") ?? "")
    }

    /// The object's bytes with its ETag and Last-Modified, and the server's `Date`, or nil when
    /// there is no such key: what a caller needs to judge an object's age by the server's clock
    /// rather than its own.
    package func getObjectWithMetadata(bucket: String, key: String, maxBytes: Int = 1 << 20) async throws -> S3ObjectContent? {
        let response = try await send(
            Request(operation: "GetObject", method: .GET, bucket: bucket, key: key, accepted: [404]), maxBody: maxBytes)
        if response.status == 404 {
            if XMLText(response.body).first("Code") == "NoSuchBucket" {
                throw S3Error.from(status: 404, body: response.body, operation: "GetObject", bucket: bucket, key: nil, endpoint: endpoint)
            }
            return nil
        }
        guard let lastModified = response.headers.first(name: "Last-Modified").flatMap(HTTPDate.parse),
            let serverDate = response.headers.first(name: "Date").flatMap(HTTPDate.parse)
        else {
            throw S3Error(.invalidResponse, "GetObject bucket '\(bucket)' key '\(key)' at \(endpoint): the answer lacks a readable Last-Modified or Date header")
        }
        return S3ObjectContent(
            bytes: response.body, eTag: Self.unquoted(response.headers.first(name: "ETag") ?? ""), lastModified: lastModified,
            serverDate: serverDate)
    }

    /// The object's bytes, or nil when there is no such key.
    package func getObject(bucket: String, key: String, maxBytes: Int = 1 << 30) async throws -> [UInt8]? {
        let response = try await send(
            Request(operation: "GetObject", method: .GET, bucket: bucket, key: key, accepted: [404]), maxBody: maxBytes)
        if response.status == 404 {
            // A 404 for a missing bucket is an error, not an absent object.
            let code = XMLText(response.body).first("Code")
            if code == "NoSuchBucket" {
                throw S3Error.from(status: 404, body: response.body, operation: "GetObject", bucket: bucket, key: nil, endpoint: endpoint)
            }
            return nil
        }
        return response.body
    }

    /// The object's size and ETag, or nil when there is no such key.
    package func headObject(bucket: String, key: String) async throws -> S3Object? {
        let response = try await send(Request(operation: "HeadObject", method: .HEAD, bucket: bucket, key: key, accepted: [404]))
        guard response.status != 404 else { return nil }
        return S3Object(
            key: key, size: Int(response.headers.first(name: "Content-Length") ?? "") ?? 0,
            eTag: Self.unquoted(response.headers.first(name: "ETag") ?? ""),
            lastModified: response.headers.first(name: "Last-Modified") ?? "")
    }

    /// Deletes an object; a missing one is not an error.
    package func deleteObject(bucket: String, key: String) async throws {
        _ = try await send(Request(operation: "DeleteObject", method: .DELETE, bucket: bucket, key: key, accepted: [404]))
    }

    /// One page of the keys under `prefix`, in key order.
    package func listObjects(bucket: String, prefix: String, continuationToken: String? = nil, maxKeys: Int = 1000) async throws -> S3ObjectPage {
        var query: [SignableRequest.QueryItem] = [.init("list-type", "2"), .init("prefix", prefix), .init("max-keys", String(maxKeys))]
        if let continuationToken { query.append(.init("continuation-token", continuationToken)) }
        let response = try await send(Request(operation: "ListObjectsV2", method: .GET, bucket: bucket, query: query))
        let xml = XMLText(response.body)
        let objects = xml.elements("Contents").map { item in
            S3Object(
                key: item.first("Key") ?? "", size: Int(item.first("Size") ?? "") ?? 0,
                eTag: Self.unquoted(item.first("ETag") ?? ""), lastModified: item.first("LastModified") ?? "")
        }
        let truncated = xml.first("IsTruncated") == "true"
        return S3ObjectPage(objects: objects, continuationToken: truncated ? xml.first("NextContinuationToken") : nil)
    }

    /// Every key under `prefix`, following continuation tokens.
    package func listAllObjects(bucket: String, prefix: String) async throws -> [S3Object] {
        var all: [S3Object] = []
        var token: String?
        repeat {
            let page = try await listObjects(bucket: bucket, prefix: prefix, continuationToken: token)
            all += page.objects
            token = page.continuationToken
        } while token != nil
        return all
    }

    static func unquoted(_ eTag: String) -> String {
        eTag.count >= 2 && eTag.hasPrefix("\"") && eTag.hasSuffix("\"") ? String(eTag.dropFirst().dropLast()) : eTag
    }
}
