import NIOPosix
extension S3Client {
    /// The smallest part S3 accepts, but for the last.
    package static let minimumPartSize = 5 << 20

    /// Starts a multipart upload. - Returns: its upload id.
    package func createMultipartUpload(bucket: String, key: String, contentType: String = "application/octet-stream") async throws -> String {
        let response = try await send(Request(
            operation: "CreateMultipartUpload", method: .POST, bucket: bucket, key: key, query: [.init("uploads")],
            headers: [.init("Content-Type", contentType)]))
        guard let id = XMLText(response.body).first("UploadId"), !id.isEmpty else {
            throw S3Error(.invalidResponse, "CreateMultipartUpload bucket '\(bucket)' key '\(key)' at \(endpoint): the answer has no UploadId")
        }
        return id
    }

    /// Uploads one part, with `Content-MD5` so the server checks its bytes.
    package func uploadPart(bucket: String, key: String, uploadID: String, number: Int, bytes: [UInt8]) async throws -> S3UploadedPart {
        let response = try await send(Request(
            operation: "UploadPart", method: .PUT, bucket: bucket, key: key,
            query: [.init("partNumber", String(number)), .init("uploadId", uploadID)],
            headers: [.init("Content-MD5", PayloadHash.md5Base64(bytes))], body: bytes))
        return S3UploadedPart(number: number, eTag: Self.unquoted(response.headers.first(name: "ETag") ?? ""))
    }

    /// Uploads one part read from a file region, checked by the server against its `Content-MD5`.
    package func uploadPart(bucket: String, key: String, uploadID: String, number: Int, region: FileRegion) async throws -> S3UploadedPart {
        let digests = try await region.digests()
        let response = try await send(Request(
            operation: "UploadPart", method: .PUT, bucket: bucket, key: key,
            query: [.init("partNumber", String(number)), .init("uploadId", uploadID)],
            headers: [.init("Content-MD5", digests.md5Base64)], file: (region, digests.sha256Hex)))
        return S3UploadedPart(number: number, eTag: Self.unquoted(response.headers.first(name: "ETag") ?? ""))
    }

    /// Completes an upload: the object appears whole, at once.
    package func completeMultipartUpload(bucket: String, key: String, uploadID: String, parts: [S3UploadedPart]) async throws {
        var xml = "<CompleteMultipartUpload>"
        for part in parts {
            xml += "<Part><PartNumber>\(part.number)</PartNumber><ETag>\"\(XMLText.escape(part.eTag))\"</ETag></Part>"
        }
        xml += "</CompleteMultipartUpload>"
        let response = try await send(Request(
            operation: "CompleteMultipartUpload", method: .POST, bucket: bucket, key: key, query: [.init("uploadId", uploadID)],
            headers: [.init("Content-Type", "application/xml")], body: Array(xml.utf8)))
        // S3 may answer 200 and still fail: the error is then in the body.
        if response.body.count < 4096, XMLText(response.body).elements("Error").first != nil {
            throw S3Error.from(status: 500, body: response.body, operation: "CompleteMultipartUpload", bucket: bucket, key: key, endpoint: endpoint)
        }
    }

    /// Abandons an upload and frees its parts; one already gone is not an error.
    package func abortMultipartUpload(bucket: String, key: String, uploadID: String) async throws {
        _ = try await send(Request(
            operation: "AbortMultipartUpload", method: .DELETE, bucket: bucket, key: key, query: [.init("uploadId", uploadID)],
            accepted: [404]))
    }

    /// Uploads started under `prefix` and neither completed nor aborted.
    package func listMultipartUploads(bucket: String, prefix: String) async throws -> [S3MultipartUpload] {
        var all: [S3MultipartUpload] = []
        var markers: [SignableRequest.QueryItem] = []
        while true {
            let response = try await send(Request(
                operation: "ListMultipartUploads", method: .GET, bucket: bucket, query: [.init("uploads"), .init("prefix", prefix)] + markers))
            let xml = XMLText(response.body)
            all += xml.elements("Upload").map {
                S3MultipartUpload(key: $0.first("Key") ?? "", uploadID: $0.first("UploadId") ?? "", initiated: $0.first("Initiated") ?? "")
            }
            guard xml.first("IsTruncated") == "true", let key = xml.first("NextKeyMarker"), let id = xml.first("NextUploadIdMarker") else {
                return all
            }
            markers = [.init("key-marker", key), .init("upload-id-marker", id)]
        }
    }

    /// Stores a local file as an object: one PUT when it is smaller than `partSize`, otherwise a
    /// multipart upload of `partSize` parts. Each body is read from the file twice (once for its
    /// digests, once as it is sent), so an upload holds a megabyte of it in memory, not a part. A
    /// failed or cancelled upload is aborted, so no object and no upload is left.
    /// - Returns: the object's ETag (read back with HEAD when the server's completion answer
    ///   lacks it, as Ceph 16's does).
    @discardableResult
    package func upload(
        bucket: String, key: String, contentType: String = "application/octet-stream", file path: String,
        partSize: Int = 8 << 20
    ) async throws -> String {
        let partSize = max(partSize, Self.minimumPartSize)
        let size = try await NIOThreadPool.singleton.runIfActive { try FileRegion.size(of: path) }
        if size < partSize {
            let region = FileRegion(path: path, offset: 0, count: size)
            let digests = try await region.digests()
            let response = try await send(Request(
                operation: "PutObject", method: .PUT, bucket: bucket, key: key,
                headers: [.init("Content-MD5", digests.md5Base64), .init("Content-Type", contentType)],
                file: (region, digests.sha256Hex)))
            return Self.unquoted(response.headers.first(name: "ETag") ?? "")
        }
        return try await multipartUpload(bucket: bucket, key: key, contentType: contentType) { uploadID in
            var parts: [S3UploadedPart] = []
            var offset = 0
            while offset < size {
                let region = FileRegion(path: path, offset: offset, count: min(partSize, size - offset))
                parts.append(try await uploadPart(bucket: bucket, key: key, uploadID: uploadID, number: parts.count + 1, region: region))
                offset += region.count
            }
            return parts
        }
    }

    /// Runs a multipart upload: starts it, lets `uploadParts` send the parts (given the upload's
    /// id, returning them in order), completes it. When anything fails, the upload is aborted, so
    /// no object and no upload is left.
    /// - Returns: the object's ETag (read back with HEAD when the server's completion answer
    ///   lacks it, as Ceph 16's does).
    package func multipartUpload(
        bucket: String, key: String, contentType: String = "application/octet-stream",
        uploadParts: (_ uploadID: String) async throws -> [S3UploadedPart]
    ) async throws -> String {
        let uploadID = try await createMultipartUpload(bucket: bucket, key: key, contentType: contentType)
        do {
            let parts = try await uploadParts(uploadID)
            try await completeMultipartUpload(bucket: bucket, key: key, uploadID: uploadID, parts: parts)
        } catch {
            // Best effort, and also when this task was cancelled (a new task is not): an upload
            // left behind is found and aborted by the next run's sweep.
            let client = self
            await Task { try? await client.abortMultipartUpload(bucket: bucket, key: key, uploadID: uploadID) }.value
            throw error
        }
        return try await headObject(bucket: bucket, key: key)?.eTag ?? ""
    }
}
